import type { ClassMetadata, DriverClass } from './class-metadata';

/**
 * Where the decorators write and the explorer reads. Decorating a class is global by nature (it
 * happens once, when its file is imported); everything stateful per application lives in containers.
 */
class MetadataRegistry {
  private readonly classes = new Map<DriverClass, ClassMetadata>();
  private readonly drivers = new Set<DriverClass>();

  /** The metadata of `target`, created on first use. */
  forClass(target: DriverClass): ClassMetadata {
    let metadata = this.classes.get(target);
    if (!metadata) {
      metadata = { target, reconcileMethods: [], parameters: new Map() };
      this.classes.set(target, metadata);
    }
    return metadata;
  }

  /** Metadata of `target` and its ancestors, nearest first. */
  chain(target: DriverClass): ClassMetadata[] {
    const chain: ClassMetadata[] = [];
    for (let c = target; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
      const own = this.classes.get(c);
      if (own) chain.push(own);
    }
    return chain;
  }

  addDriver(target: DriverClass): void {
    this.drivers.add(target);
  }

  isDriver(target: DriverClass): boolean {
    return this.drivers.has(target);
  }

  /** Every `@Driver()` class whose file has been imported, in import order. */
  discoveredDrivers(): DriverClass[] {
    return [...this.drivers];
  }
}

export const metadataRegistry = new MetadataRegistry();
