import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import defaultFile from '../../config/directory.default.json';
import { Directory, DirectoryValidationError, validateDirectory } from '../../src/directory';
import { loadDirectory } from '../../src/directory/directory-loader';

const clone = (): any => JSON.parse(JSON.stringify(defaultFile));

function tempFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gw-dir-')), 'directory.json');
  writeFileSync(file, content);
  return file;
}

describe('default directory (config/directory.default.json)', () => {
  const directory = loadDirectory();

  it('is valid', () => {
    expect(validateDirectory(defaultFile)).toEqual([]);
  });

  it('names every unit in the seed’s 主送 line, the 市政府办公室 with its 督查室 and the 市司法局', () => {
    const names = directory.units().map((u) => u.name);
    for (const expected of [
      '张家港市人民政府',
      '张家港市人民政府办公室',
      '市政府办公室督查室',
      '市司法局',
      '冶金工业园管委会',
      '高新技术产业开发区管委会',
      '常阴沙现代农业示范园区管委会',
      '双山香山旅游度假区管委会',
      '金港街道办事处',
      '后塍街道办事处',
      '德积街道办事处',
      '杨舍镇人民政府',
      '塘桥镇人民政府',
      '锦丰镇人民政府',
      '乐余镇人民政府',
      '凤凰镇人民政府',
      '南丰镇人民政府',
      '大新镇人民政府',
      '市发展和改革委员会',
      '市财政局',
      '市自然资源和规划局',
      '市住房和城乡建设局',
      '市教育局',
    ]) {
      expect(names).toContain(expected);
    }
    // 金港镇 was abolished in March 2021 (苏政复〔2021〕15号) and replaced by the three streets.
    expect(names).not.toContain('金港镇人民政府');
  });

  it('knows the organ, the office and its sections', () => {
    expect(directory.isGovernmentOrgan('zjg-gov')).toBe(true);
    expect(directory.isGovernmentOrgan('zjg-gov-office')).toBe(false);
    expect(directory.isOfficeUnit('zjg-gov-office')).toBe(true);
    expect(directory.isOfficeUnit('zjg-gov-office-supervision')).toBe(true);
    expect(directory.isOfficeUnit('finance')).toBe(false);
    expect(directory.supervisionCode).toBe('zjg-gov-office-supervision');
    expect(directory.legalAffairsCode).toBe('justice');
    expect(directory.nameOf('justice')).toBe('市司法局');
  });

  it('knows whose 机关代字 a code is', () => {
    expect(directory.documentCodeOwnerOf('张政发')).toBe('zjg-gov');
    expect(directory.documentCodeOwnerOf('张政办发')).toBe('zjg-gov-office');
    expect(directory.documentCodeOwnerOf('张教规')).toBe('education');
    expect(directory.documentCodeOwnerOf('张财发')).toBeUndefined();
    expect(directory.documentCodesOf('education')).toEqual(['张教发', '张教规']);
    expect(directory.documentCodesOf('finance')).toEqual([]);
  });

  it('classifies towns, streets and parks (第四十六条) and who may submit', () => {
    expect(directory.isTownOrStreet('yangshe-town')).toBe(true);
    expect(directory.isTownOrStreet('deji-street')).toBe(true);
    expect(directory.isTownOrStreet('metallurgical-park')).toBe(true);
    expect(directory.isTownOrStreet('finance')).toBe(false);
    expect(directory.isSubmittingUnit('finance')).toBe(true);
    expect(directory.isSubmittingUnit('zjg-gov')).toBe(false);
    expect(directory.isSubmittingUnit('zjg-gov-office')).toBe(false);
    expect(directory.isSubmittingUnit('nowhere')).toBe(false);
  });

  it('第四十二条: finds the 分管 leader of a unit, of an office section and of a subordinate body', () => {
    expect(directory.portfolioLeaderOf('natural-resources')).toBe('vice-mayor-1');
    expect(directory.portfolioLeaderOf('finance')).toBe('executive-vice-mayor');
    expect(directory.portfolioLeaderOf('audit')).toBe('mayor');
    expect(directory.portfolioLeaderOf('zjg-gov-office-supervision')).toBe('executive-vice-mayor');
    expect(directory.portfolioLeaderOf('real-estate-registration')).toBe('vice-mayor-1');
    expect(directory.competentDepartmentOf('real-estate-registration')).toBe('natural-resources');
    expect(directory.portfolioLeaderOf('nowhere')).toBeUndefined();
  });

  it('lists leaders by position only, with one 市长 and one 常务副市长', () => {
    expect(directory.leaderPositions()).toEqual([
      'mayor',
      'executive-vice-mayor',
      'vice-mayor-1',
      'vice-mayor-2',
      'vice-mayor-3',
      'vice-mayor-4',
      'vice-mayor-5',
    ]);
    expect(directory.mayorPosition()).toBe('mayor');
    expect(directory.executiveViceMayorPosition()).toBe('executive-vice-mayor');
    expect(directory.leader('vice-mayor-4')?.role).toBe('vice_mayor');
    expect(directory.portfolioOf('vice-mayor-4')).toContain('justice');
    expect(directory.isLeaderPosition('vice-mayor-2')).toBe(true);
    expect(directory.isSuperiorOrgan('suzhou-gov')).toBe(true);
  });

  it('gives every unit that needs one exactly one 分管 leader', () => {
    for (const unit of directory.units()) {
      if (unit.kind === 'government') continue;
      expect([unit.code, directory.portfolioLeaderOf(unit.code)]).toEqual([unit.code, expect.any(String)]);
    }
  });
});

describe('directory validator', () => {
  it('lists every problem at once, each with its path', () => {
    const raw = clone();
    raw.units.push({ code: 'finance', name: '重复的财政局', kind: 'department' });
    raw.units.push({ code: 'Bad Code', name: '', kind: 'ministry' });
    raw.leaders[2].portfolio.push('finance');
    raw.leaders[3].portfolio.push('no-such-unit');
    raw.leaders[4].name = '某某某';
    const problems = validateDirectory(raw);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('代码 "finance" 与 units['),
        expect.stringMatching(/^units\[\d+\]\.code: 代码 "Bad Code" 无效/),
        expect.stringMatching(/^units\[\d+\]\.name: 必须是非空字符串/),
        expect.stringMatching(/^units\[\d+\]\.kind: 必须是 government\/office/),
        expect.stringContaining('leaders[2].portfolio[9]: 单位 "finance" 已由 leaders[1] 分管'),
        expect.stringContaining('leaders[3].portfolio[9]: 单位 "no-such-unit" 不在 units 中'),
        'leaders[4].name: 领导只按职务登记,不得填写姓名',
      ]),
    );
    expect(problems.length).toBeGreaterThanOrEqual(7);
  });

  it('requires exactly one 市长 and at most one 常务副市长', () => {
    const raw = clone();
    raw.leaders[0].role = 'vice_mayor';
    raw.leaders[2].role = 'executive_vice_mayor';
    expect(validateDirectory(raw)).toEqual(
      expect.arrayContaining([
        'leaders: 必须恰好有一位市长 (role "mayor"),现有 0 位',
        'leaders: 最多只能有一位常务副市长',
      ]),
    );
  });

  it('第四十二条: rejects a unit without a 分管 leader, since routing would have nowhere to go', () => {
    const raw = clone();
    raw.leaders[1].portfolio = raw.leaders[1].portfolio.filter((c: string) => c !== 'finance');
    expect(validateDirectory(raw)).toEqual([
      expect.stringMatching(/^units\[\d+\]: 单位 "finance" 没有分管领导/),
    ]);
  });

  it('checks the special units, parents and competent departments', () => {
    const raw = clone();
    raw.organ = 'finance';
    raw.supervision = 'zjg-gov-office';
    raw.legalAffairs = 'missing';
    raw.units.push({ code: 'orphan-centre', name: '某中心', kind: 'affiliated' });
    raw.units.push({ code: 'odd-section', name: '某科', kind: 'department', parent: 'zjg-gov-office' });
    raw.leaders[1].portfolio.push('odd-section');
    raw.typo = 1;
    const problems = validateDirectory(raw);
    expect(problems).toEqual(
      expect.arrayContaining([
        'organ: 单位 "finance" 的 kind 必须是 government',
        'supervision: 单位 "zjg-gov-office" 必须隶属 zjg-gov-office',
        'legalAffairs: 单位 "missing" 不在 units 中',
        expect.stringMatching(/orphan-centre|reportsVia: 部门所属单位必须写明其主管部门/),
        expect.stringMatching(/\.parent: 只有市政府办公室的内设科室可以有 parent/),
        '(根).typo: 未知字段',
      ]),
    );
  });

  it('rejects a 机关代字 that is not Han text or that two units share (one code, one numbering sequence)', () => {
    const raw = clone();
    const finance = raw.units.find((u: { code: string }) => u.code === 'finance');
    finance.documentCodes = ['张教规', 'ZCF'];
    expect(validateDirectory(raw)).toEqual([
      expect.stringMatching(/^units\[\d+\]\.documentCodes\[0\]: 机关代字「张教规」与 units\[\d+\]\.documentCodes\[1\] 重复$/),
      expect.stringMatching(/^units\[\d+\]\.documentCodes\[1\]: 机关代字 "ZCF" 无效/),
    ]);
  });

  it('rejects a non-object outright', () => {
    expect(validateDirectory([])).toEqual(['(根): 必须是 JSON 对象']);
    expect(() => Directory.from('nope', 'x.json')).toThrow(DirectoryValidationError);
  });
});

describe('directory loader', () => {
  it('loads and validates a replacement file named by configuration', () => {
    const raw = clone();
    raw.version = 'replacement-1';
    expect(loadDirectory(tempFile(JSON.stringify(raw))).version).toBe('replacement-1');
  });

  it('refuses an invalid replacement file with the file name and every problem', () => {
    const raw = clone();
    delete raw.office;
    raw.leaders = [];
    const file = tempFile(JSON.stringify(raw));
    try {
      loadDirectory(file);
      throw new Error('expected a DirectoryValidationError');
    } catch (e) {
      expect(e).toBeInstanceOf(DirectoryValidationError);
      const err = e as DirectoryValidationError;
      expect(err.message).toContain(file);
      expect(err.problems).toEqual(expect.arrayContaining(['office: 必须是单位代码', 'leaders: 必须恰好有一位市长 (role "mayor"),现有 0 位']));
    }
  });

  it('refuses unreadable and non-JSON files clearly', () => {
    expect(() => loadDirectory('/nonexistent/directory.json')).toThrow(/组织机构目录 \/nonexistent\/directory.json 无效[\s\S]*无法读取文件/);
    expect(() => loadDirectory(tempFile('{ not json'))).toThrow(/不是合法的 JSON/);
  });
});
