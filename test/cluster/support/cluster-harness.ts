import {
  DriverMessagePublisher,
  NatsCluster,
  ResultCollector,
  createConveyorStreams,
} from '@conveyor-ts/core/testing';
import { ManagerHarness } from '../../manager/support/manager-harness';

/** The manager harness on a 3-node JetStream cluster with Conveyor's streams at R3. */
export class ClusterHarness extends ManagerHarness {
  cluster!: NatsCluster;

  override async setUp(): Promise<void> {
    this.cluster = await NatsCluster.start();
    await createConveyorStreams(this.cluster.urls, {}, { replicas: 3 });
    this.publisher = await DriverMessagePublisher.connect(this.cluster.urls);
    this.results = await ResultCollector.connect(this.cluster.urls);
  }

  override async tearDown(): Promise<void> {
    await this.stopManagers();
    await this.publisher?.close();
    await this.results?.close();
    await this.cluster?.stop();
  }

  protected override get natsUrls(): string[] {
    return this.cluster.urls;
  }
}
