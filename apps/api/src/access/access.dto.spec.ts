import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateSiteDto, UpdateSettingsDto } from './access.dto';

describe('département codes', () => {
  it.each([
    ['01', true],
    ['19', true],
    // 20 has not existed since Corsica was split into 2A and 2B (1976).
    ['20', false],
    ['2A', true],
    ['2B', true],
    ['21', true],
    ['75', true],
    ['95', true],
    ['96', false],
    ['971', true],
    ['976', true],
    ['977', false],
    ['00', false],
  ])('%s valid=%p', (departement, valid) => {
    const dto = plainToInstance(CreateSiteDto, { name: 'Site', code: 'ABC', departement });
    expect(validateSync(dto).length === 0).toBe(valid);
  });
});

describe('reminder lead times', () => {
  it.each([
    ['noContactDays', 7, true],
    ['noContactDays', 6, false],
    ['noContactDays', 365, true],
    ['noContactDays', 366, false],
    ['retentionYears', 1, true],
    ['retentionYears', 0, false],
    ['retentionYears', 10, true],
    ['retentionYears', 11, false],
    ['appointmentLeadDays', 0, true],
    ['appointmentLeadDays', -1, false],
    ['appointmentLeadDays', 30, true],
    ['appointmentLeadDays', 31, false],
    ['appointmentLeadDays', 1.5, false],
    ['documentExpiryLeadDays', 1, true],
    ['documentExpiryLeadDays', 0, false],
    ['documentExpiryLeadDays', 365, true],
    ['documentExpiryLeadDays', 366, false],
    ['approvalRenewalLeadMonths', 1, true],
    ['approvalRenewalLeadMonths', 0, false],
    ['approvalRenewalLeadMonths', 24, true],
    ['approvalRenewalLeadMonths', 25, false],
    ['approvalRenewalLeadMonths', '6', false],
  ])('%s = %p valid=%p', (field, value, valid) => {
    const dto = plainToInstance(UpdateSettingsDto, { [field]: value, version: 1 });
    expect(validateSync(dto).length === 0).toBe(valid);
  });
});
