import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateSiteDto } from './access.dto';

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
