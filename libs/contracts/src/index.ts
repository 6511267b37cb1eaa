export * from './access';
export * from './auth';
export * from './permissions';
export * from './roles';
