import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, Matches, ValidateNested } from 'class-validator';
import { CODE_PATTERN, msg } from '../../../documents/http/dto/messages';
import { SingleLine } from '../../../http/text-characters';
import { SENSITIVE_SUBJECTS } from '../../domain/issuance-types';
import { Bool, OneOf, OptionalText, Text } from './dto-decorators';

const ISSUERS = ['government', 'office', 'department'] as const;
const CATEGORIES = ['normative', 'decision', 'order', 'motion', 'appointment', 'upward', 'work', 'minutes', 'agreement'] as const;
const MEETINGS = ['plenary', 'executive', 'mayor_office', 'topical'] as const;
const CHAIR_ROLES = ['mayor', 'executive_vice_mayor', 'vice_mayor', 'office_director', 'office_deputy_director'] as const;

function Codes(description: string): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ description, type: [String] })(target, key);
    IsOptional()(target, key);
    IsArray({ message: msg.array })(target, key);
    ArrayMaxSize(50, { message: msg.arraySize(0, 50) })(target, key);
    Matches(CODE_PATTERN, { each: true, message: msg.code })(target, key);
  };
}

export class ChairDto {
  @OneOf(CHAIR_ROLES, '主持会议的领导职务') role!: (typeof CHAIR_ROLES)[number];
  @ApiPropertyOptional({ description: '领导职位编码, 如 vice-mayor-1' })
  @IsOptional() @Matches(CODE_PATTERN, { message: msg.code })
  leaderId?: string;
}

export class MeetingDto {
  @OneOf(MEETINGS, '会议类型 (第三十三条)') type!: (typeof MEETINGS)[number];
  @OptionalText(100, '会议届次, 如 第6次常务会议') @SingleLine() session?: string;
  @ApiPropertyOptional({ type: ChairDto }) @IsOptional() @ValidateNested() @Type(() => ChairDto) chair?: ChairDto;
  @ApiPropertyOptional({ description: '受副市长委托主持时, 该副市长的职位编码' })
  @IsOptional() @Matches(CODE_PATTERN, { message: msg.code })
  onBehalfOfLeaderId?: string;
  @OptionalText(100, '参加会议的办公室副主任 (用户或职位编码)') @SingleLine() attendingDeputyDirector?: string;
  @ApiProperty({ description: '涉及事项 (第三十八条)', enum: SENSITIVE_SUBJECTS, isArray: true })
  @IsArray({ message: msg.array }) @ArrayMaxSize(6, { message: msg.arraySize(0, 6) })
  @Matches(new RegExp(`^(${SENSITIVE_SUBJECTS.join('|')})$`), { each: true, message: msg.oneOf(SENSITIVE_SUBJECTS) })
  sensitiveSubjects!: (typeof SENSITIVE_SUBJECTS)[number][];
}

export class ForwardingDto {
  @OneOf(['endorse', 'forward'], '批转 (endorse) 或转发 (forward)') kind!: 'endorse' | 'forward';
  @ApiProperty() @Matches(CODE_PATTERN, { message: msg.code }) sourceUnit!: string;
  @Bool('属来文部门职权范围内的事务 (第四十六条)') withinSourceAuthority!: boolean;
}

export class TownStreetBasisDto {
  @OneOf(['law', 'government_approval'], '依据: 法律法规规定或市政府批准') basis!: 'law' | 'government_approval';
  @Text(500, '法规条款或批准文件') reference!: string;
}

/** 拟稿. */
export class DraftIssuanceDto {
  @Text(200, '文件标题') @SingleLine() title!: string;
  @OneOf(ISSUERS, '发文机关: 市政府 / 市政府办公室 / 部门') issuer!: (typeof ISSUERS)[number];
  @ApiPropertyOptional({ description: '部门发文的机关代字, 如 张教规' })
  @IsOptional() @Matches(/^\p{Script=Han}{2,12}$/u, { message: '$property 应为 2–12 个汉字的机关代字' })
  documentCode?: string;
  @ApiPropertyOptional({ description: '起草单位编码 (默认为本单位)' })
  @IsOptional() @Matches(CODE_PATTERN, { message: msg.code })
  draftingUnit?: string;
  @OneOf(CATEGORIES, '文种类别') category!: (typeof CATEGORIES)[number];
  @OneOf(['general', 'important'], '一般 / 重要', true) importance?: 'general' | 'important';
  @ApiPropertyOptional({ type: MeetingDto }) @IsOptional() @ValidateNested() @Type(() => MeetingDto) meeting?: MeetingDto;
  @Codes('联合发文机关') jointIssuers?: string[];
  @Codes('主送/抄送单位') recipients?: string[];
  @ApiPropertyOptional({ type: ForwardingDto }) @IsOptional() @ValidateNested() @Type(() => ForwardingDto) forwarding?: ForwardingDto;
  @ApiPropertyOptional({ type: TownStreetBasisDto }) @IsOptional() @ValidateNested() @Type(() => TownStreetBasisDto)
  townStreetBasis?: TownStreetBasisDto;
}
