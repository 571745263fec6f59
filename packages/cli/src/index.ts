export * from './main';
export * from './program';
export * from './cli-error';
export * from './apply/read-documents';
export * from './apply/classify-document';
export * from './output/terminal';
export * from './output/format-log-entry';
