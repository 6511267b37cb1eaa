export * from './access';
export * from './auth';
export * from './people';
export * from './permissions';
export * from './roles';
export * from './documents';
