export * from './auth';
export * from './roles';
