export {
  createTestDatabase,
  dropDatabase,
  superuserUrl,
  templateName,
  testRunId,
  TEST_ROLE_PASSWORDS,
  type TestDatabase,
} from './test-database';
