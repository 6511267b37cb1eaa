export * from './access';
export * from './auth';
export * from './casework';
export * from './people';
export * from './permissions';
export * from './roles';
export * from './pathways';
export * from './documents';
