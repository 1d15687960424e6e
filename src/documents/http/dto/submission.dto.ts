import { ApiProperty, ApiPropertyOptional, ApiSchema, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { DOCUMENT_KINDS } from '../../../../events/document-events';
import { CLASSIFICATIONS } from '../../domain/submission-rules';
import { SingleLine } from '../../../http/text-characters';
import { CODE_PATTERN, msg } from './messages';

const KINDS = Object.keys(DOCUMENT_KINDS);
const LEVELS = Object.keys(CLASSIFICATIONS);

/**
 * One side of a disagreement, in a 请示 or a disagreement report. 理由 and 依据 may be missing
 * here: that is not malformed input but a breach of 第四十一条, which the rule check answers
 * (a 退文, or a refusal of the report) with DISAGREEMENT_REASONS_MISSING / DISAGREEMENT_BASIS_MISSING.
 */
export class SubmissionPositionDto {
  @Matches(CODE_PATTERN, { message: msg.code })
  unit!: string;
  @ApiPropertyOptional({ description: '理由(缺少的,按第四十一条退文或拒绝)' })
  @IsOptional() @IsString({ message: msg.string }) @MaxLength(5000, { message: msg.maxLength(5000) })
  reasons?: string;
  @ApiPropertyOptional({ description: '依据(缺少的,按第四十一条退文或拒绝)' })
  @IsOptional() @IsString({ message: msg.string }) @MaxLength(5000, { message: msg.maxLength(5000) })
  basis?: string;
}

export class SubmissionDisagreementDto {
  @ApiProperty({ description: '主办部门主要负责人已主动协商(第四十一条)' })
  @IsBoolean({ message: msg.bool })
  headsConsulted!: boolean;
  @ApiProperty({ type: [SubmissionPositionDto] })
  @IsArray({ message: msg.array }) @ArrayMaxSize(20, { message: msg.arraySize(0, 20) })
  @ValidateNested({ each: true }) @Type(() => SubmissionPositionDto)
  positions!: SubmissionPositionDto[];
  @IsOptional() @IsString({ message: msg.string }) @MaxLength(5000, { message: msg.maxLength(5000) })
  proposal?: string;
}

export class ForwardingRequestDto {
  @IsIn(['government_approve_forward', 'office_forward'], { message: msg.oneOf(['government_approve_forward', 'office_forward']) })
  mode!: 'government_approve_forward' | 'office_forward';
  @ApiProperty({ description: '属本部门职权范围内的事务(第四十六条)' })
  @IsBoolean({ message: msg.bool })
  withinOwnAuthority!: boolean;
}

/** 报文. */
export class SubmitDocumentDto {
  @ApiProperty({ enum: KINDS, description: Object.entries(DOCUMENT_KINDS).map(([k, v]) => `${k}=${v}`).join(', ') })
  @IsIn(KINDS, { message: msg.oneOf(KINDS) })
  kind!: keyof typeof DOCUMENT_KINDS;

  @ApiProperty({ description: '标题(单行)' })
  @IsString({ message: msg.string }) @IsNotEmpty({ message: msg.required }) @MaxLength(200, { message: msg.maxLength(200) }) @SingleLine()
  title!: string;

  @ApiProperty({ description: '主送(组织目录中的编码,如 zjg-gov)', type: [String] })
  @IsArray({ message: msg.array }) @ArrayMinSize(1, { message: msg.arraySize(1, 20) }) @ArrayMaxSize(20, { message: msg.arraySize(1, 20) })
  @Matches(CODE_PATTERN, { each: true, message: msg.code })
  mainTo!: string[];

  @ApiPropertyOptional({ description: '抄送', type: [String] })
  @IsOptional() @IsArray({ message: msg.array }) @ArrayMaxSize(50, { message: msg.arraySize(0, 50) })
  @Matches(CODE_PATTERN, { each: true, message: msg.code })
  copyTo?: string[];

  @ApiPropertyOptional({ description: '来文字号' })
  @IsOptional() @IsString({ message: msg.string }) @MaxLength(100, { message: msg.maxLength(100) }) @SingleLine()
  documentNumber?: string;

  @ApiPropertyOptional({ description: '摘要' })
  @IsOptional() @IsString({ message: msg.string }) @MaxLength(10000, { message: msg.maxLength(10000) })
  summary?: string;

  @ApiPropertyOptional({ description: '请示事项', type: [String] })
  @IsOptional() @IsArray({ message: msg.array }) @ArrayMaxSize(50, { message: msg.arraySize(0, 50) })
  @IsString({ each: true, message: msg.string }) @MaxLength(2000, { each: true, message: msg.maxLength(2000) })
  requestItems?: string[];

  @ApiPropertyOptional({ enum: ['leader_assigned', 'classified_direct_report'], description: '直接报送领导个人的例外(第四十一条)' })
  @IsOptional() @IsIn(['leader_assigned', 'classified_direct_report'], { message: msg.oneOf(['leader_assigned', 'classified_direct_report']) })
  addressingException?: 'leader_assigned' | 'classified_direct_report';

  @ApiPropertyOptional({ type: SubmissionDisagreementDto })
  @IsOptional() @ValidateNested() @Type(() => SubmissionDisagreementDto)
  disagreement?: SubmissionDisagreementDto;

  @ApiPropertyOptional({ type: ForwardingRequestDto })
  @IsOptional() @ValidateNested() @Type(() => ForwardingRequestDto)
  forwarding?: ForwardingRequestDto;

  @ApiPropertyOptional({ enum: LEVELS, description: '保密属性;非 none 一律拒绝(第四十七条)' })
  @IsOptional() @IsIn(LEVELS, { message: msg.oneOf(LEVELS) })
  classification?: keyof typeof CLASSIFICATIONS;

  @ApiPropertyOptional({ description: '重大事项(报市长审批,第四十二条)' })
  @IsOptional() @IsBoolean({ message: msg.bool })
  major?: boolean;

  @ApiPropertyOptional({ description: '报文单位;默认为令牌中的单位(办公室代录纸质来文时可指定)' })
  @IsOptional() @Matches(CODE_PATTERN, { message: msg.code })
  fromUnit?: string;
}

export const RESUBMISSION_SEMANTICS =
  '退文后修改重报,按合并补丁 (merge patch) 处理: 只写需要改正的字段;未写的字段保持被退回时的内容;' +
  '写 null 的字段被清除;写了值的字段整体替换 (嵌套对象如 disagreement 亦整体替换)。' +
  '合并后的内容与被退回的公文相同 (包括空请求体) 的,按第四十一条以 NO_CORRECTIONS 拒绝。';

/** 退文后修改重报: a merge patch over the returned submission (see RESUBMISSION_SEMANTICS). */
@ApiSchema({ description: RESUBMISSION_SEMANTICS })
export class ResubmitDocumentDto extends PartialType(OmitType(SubmitDocumentDto, ['fromUnit'] as const)) {}
