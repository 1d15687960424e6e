import type { DirectoryData, LeaderEntry, LeaderRole, SuperiorOrganEntry, UnitEntry } from './directory-types';
import { parseDirectory } from './validate-directory';

/**
 * Pure lookups over a validated directory. Deciders receive it in their context; nothing
 * here reads files or clocks.
 */
export class Directory {
  readonly version: string;
  /** 市政府 (the organ every submission is addressed to, 第四十一条). */
  readonly organCode: string;
  /** 市政府办公室. */
  readonly officeCode: string;
  /** 市政府办公室督查室 (第三十二条). */
  readonly supervisionCode: string;
  /** 市司法局 (第二十、四十五条). */
  readonly legalAffairsCode: string;
  private readonly unitsByCode = new Map<string, UnitEntry>();
  private readonly leadersByPosition = new Map<string, LeaderEntry>();
  private readonly superiors = new Map<string, SuperiorOrganEntry>();
  private readonly portfolioLeader = new Map<string, string>();
  private readonly documentCodeOwner = new Map<string, string>();

  private constructor(data: DirectoryData) {
    this.version = data.version;
    this.organCode = data.organ;
    this.officeCode = data.office;
    this.supervisionCode = data.supervision;
    this.legalAffairsCode = data.legalAffairs;
    for (const u of data.units) {
      this.unitsByCode.set(u.code, u);
      for (const c of u.documentCodes ?? []) this.documentCodeOwner.set(c, u.code);
    }
    for (const o of data.superiorOrgans) this.superiors.set(o.code, o);
    for (const l of data.leaders) {
      this.leadersByPosition.set(l.position, l);
      for (const code of l.portfolio) this.portfolioLeader.set(code, l.position);
    }
  }

  /** Validates first; throws DirectoryValidationError listing every problem. */
  static from(raw: unknown, source = '(内存)'): Directory {
    return new Directory(parseDirectory(raw, source));
  }

  hasUnit(code: string): boolean {
    return this.unitsByCode.has(code);
  }
  unit(code: string): UnitEntry | undefined {
    return this.unitsByCode.get(code);
  }
  units(): UnitEntry[] {
    return [...this.unitsByCode.values()];
  }
  /** Display name of a unit, leader position or superior organ; the code itself if unknown. */
  nameOf(code: string): string {
    return this.unitsByCode.get(code)?.name ?? this.leadersByPosition.get(code)?.title ?? this.superiors.get(code)?.name ?? code;
  }

  isGovernmentOrgan(code: string): boolean {
    return code === this.organCode;
  }
  /** The 市政府办公室 or one of its sections (督查室 …). */
  isOfficeUnit(code: string): boolean {
    return code === this.officeCode || this.unitsByCode.get(code)?.parent === this.officeCode;
  }
  /** Towns, streets and the town-level 区/园区 管委会 (第四十六条). */
  isTownOrStreet(code: string): boolean {
    const kind = this.unitsByCode.get(code)?.kind;
    return kind === 'town' || kind === 'street' || kind === 'park';
  }
  /** Units that may submit documents to the city government (all but the government and its office). */
  isSubmittingUnit(code: string): boolean {
    const unit = this.unitsByCode.get(code);
    return unit !== undefined && unit.kind !== 'government' && !this.isOfficeUnit(code);
  }
  /** 主管部门 a subordinate body must report through, if any (第四十一条 no 越级报文). */
  competentDepartmentOf(code: string): string | undefined {
    return this.unitsByCode.get(code)?.reportsVia;
  }
  /** The unit a 机关代字 is registered to, if the directory knows it. */
  documentCodeOwnerOf(documentCode: string): string | undefined {
    return this.documentCodeOwner.get(documentCode);
  }
  /** The 机关代字 registered to a unit (empty when the directory lists none). */
  documentCodesOf(code: string): string[] {
    return [...(this.unitsByCode.get(code)?.documentCodes ?? [])];
  }
  isSuperiorOrgan(code: string): boolean {
    return this.superiors.has(code);
  }

  leaderPositions(): string[] {
    return [...this.leadersByPosition.keys()];
  }
  leader(position: string): LeaderEntry | undefined {
    return this.leadersByPosition.get(position);
  }
  leaderRoleOf(position: string): LeaderRole | undefined {
    return this.leadersByPosition.get(position)?.role;
  }
  isLeaderPosition(code: string): boolean {
    return this.leadersByPosition.has(code);
  }
  mayorPosition(): string {
    return [...this.leadersByPosition.values()].find((l) => l.role === 'mayor')!.position;
  }
  executiveViceMayorPosition(): string | undefined {
    return [...this.leadersByPosition.values()].find((l) => l.role === 'executive_vice_mayor')?.position;
  }
  /**
   * Position id of the leader whose 分管 portfolio covers the unit (第四十二条). Sections
   * follow the office, subordinate bodies their competent department.
   */
  portfolioLeaderOf(code: string): string | undefined {
    const direct = this.portfolioLeader.get(code);
    if (direct) return direct;
    const unit = this.unitsByCode.get(code);
    const via = unit?.parent ?? unit?.reportsVia;
    return via ? this.portfolioLeader.get(via) : undefined;
  }
  portfolioOf(position: string): string[] {
    return [...(this.leadersByPosition.get(position)?.portfolio ?? [])];
  }
}
