export * from './types';
export * from './budget';
export * from './complianceCost';
export * from './sourceRecord';
export * from './tabular';
