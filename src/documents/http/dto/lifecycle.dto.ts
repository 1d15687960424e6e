import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
import { SingleLine } from '../../../http/text-characters';
import { CODE_PATTERN, DATE_PATTERN, msg } from './messages';
import { SubmissionPositionDto } from './submission.dto';

const HANDLING = ['own_authority', 'needs_approval', 'lead_with_consultation', 'needs_investigation', 'urgent', 'statutory'];
const STANCES = ['agree', 'agree_with_changes', 'disagree'];
const OUTCOMES = ['agreed', 'leaning_proposal'];

/** A required free text of at most `max` characters. */
function Text(max: number, description: string): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ description, maxLength: max })(target, key);
    IsString({ message: msg.string })(target, key);
    IsNotEmpty({ message: msg.required })(target, key);
    MaxLength(max, { message: msg.maxLength(max) })(target, key);
  };
}

function OptionalText(max: number, description: string): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ description, maxLength: max })(target, key);
    IsOptional()(target, key);
    IsString({ message: msg.string })(target, key);
    MaxLength(max, { message: msg.maxLength(max) })(target, key);
  };
}

function OptionalCodes(description: string): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ description, type: [String] })(target, key);
    IsOptional()(target, key);
    IsArray({ message: msg.array })(target, key);
    ArrayMaxSize(50, { message: msg.arraySize(0, 50) })(target, key);
    Matches(CODE_PATTERN, { each: true, message: msg.code })(target, key);
  };
}

function OptionalDate(description: string): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ description, example: '2026-12-31' })(target, key);
    IsOptional()(target, key);
    Matches(DATE_PATTERN, { message: msg.date })(target, key);
  };
}

export class ReturnReasonDto {
  @Text(1000, '退文理由') message!: string;
  @ApiPropertyOptional({ description: '依据条款,如 第四十一条' })
  @IsOptional() @Matches(/^第[一二三四五六七八九十百零]+条(\([一二三四五六七八九十]+\))?$/, { message: '$property 应为条款,如「第四十一条」' })
  article?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Z][A-Z0-9_]{0,63}$/, { message: '$property 应为大写代码,如 MISSING_ATTACHMENT' })
  code?: string;
}

export class ReturnDocumentDto {
  @ApiProperty({ type: [ReturnReasonDto] })
  @IsArray({ message: msg.array }) @ArrayMinSize(1, { message: msg.arraySize(1, 20) }) @ArrayMaxSize(20, { message: msg.arraySize(1, 20) })
  @ValidateNested({ each: true }) @Type(() => ReturnReasonDto)
  reasons!: ReturnReasonDto[];
}

export class RegisterDocumentDto {
  @OptionalText(100, '收文登记号') @SingleLine() registrationNo?: string;
}

export class ReviewDocumentDto {
  @Text(5000, '初审/拟办意见') opinion!: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE_PATTERN, { message: msg.code }) proposedLeadUnit?: string;
  @OptionalCodes('拟协办单位') proposedCoUnits?: string[];
  @ApiPropertyOptional({ enum: HANDLING }) @IsOptional() @IsIn(HANDLING, { message: msg.oneOf(HANDLING) }) proposedHandlingClass?: string;
  @ApiPropertyOptional({ description: '重大事项' }) @IsOptional() @IsBoolean({ message: msg.bool }) major?: boolean;
}

export class RouteDocumentDto {
  @OptionalCodes('另行呈送的领导岗位编码') alsoTo?: string[];
}

export class InstructDocumentDto {
  @Text(5000, '批示内容') text!: string;
}

export class AssignDocumentDto {
  @ApiPropertyOptional({ enum: HANDLING, description: '办理类别(第四十七条)' })
  @IsOptional() @IsIn(HANDLING, { message: msg.oneOf(HANDLING) })
  handlingClass?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE_PATTERN, { message: msg.code }) leadUnit?: string;
  @OptionalCodes('协办单位') coUnits?: string[];
  @OptionalDate('紧急公文:市政府明确的办理时限') urgentDueDate?: string;
  @OptionalDate('法定时限') statutoryDueDate?: string;
  @OptionalText(500, '法定时限的法律依据') legalBasis?: string;
  @OptionalText(5000, '办理要求') requirements?: string;
}

export class RequestConsultationDto {
  @ApiProperty({ type: [String], description: '会商单位' })
  @IsArray({ message: msg.array }) @ArrayMinSize(1, { message: msg.arraySize(1, 50) }) @ArrayMaxSize(50, { message: msg.arraySize(1, 50) })
  @Matches(CODE_PATTERN, { each: true, message: msg.code })
  units!: string[];
  @ApiProperty({ example: '2026-12-10', description: '回复期限' })
  @Matches(DATE_PATTERN, { message: msg.date })
  replyBy!: string;
  @Text(1000, '会商事项') subject!: string;
}

export class ConsultationOpinionDto {
  @ApiProperty({ enum: STANCES }) @IsIn(STANCES, { message: msg.oneOf(STANCES) }) stance!: string;
  @OptionalText(5000, '理由') reasons?: string;
  @OptionalText(5000, '依据') basis?: string;
  @OptionalText(5000, '修改意见') changes?: string;
}

/**
 * 第四十一条 asks for each side's 理由 and 依据 and a 办理建议. A missing or blank one is no
 * malformed input: the decider refuses it with DISAGREEMENT_INCOMPLETE, listing every gap
 * (`details.violations`). Only wrong types and sizes are refused here.
 */
export class ReportDisagreementDto {
  @ApiProperty({ description: '主办部门主要负责人已主动协商' }) @IsBoolean({ message: msg.bool }) headsConsulted!: boolean;
  @ApiProperty({ type: [SubmissionPositionDto], description: '各方意见;缺少的一方、理由或依据按第四十一条逐项列出' })
  @IsArray({ message: msg.array }) @ArrayMaxSize(20, { message: msg.arraySize(0, 20) })
  @ValidateNested({ each: true }) @Type(() => SubmissionPositionDto)
  positions!: SubmissionPositionDto[];
  @OptionalText(5000, '办理建议(缺少的,按第四十一条拒绝)') proposal?: string;
}

export class CoordinateDto {
  @ApiProperty({ enum: OUTCOMES, description: 'agreed=取得一致意见;leaning_proposal=提出倾向性建议' })
  @IsIn(OUTCOMES, { message: msg.oneOf(OUTCOMES) })
  outcome!: string;
  @Text(5000, '协调意见') text!: string;
}

export class TextDto {
  @Text(10000, '内容') text!: string;
}

export class RequestExtensionDto {
  @ApiProperty({ example: '2026-12-31' }) @Matches(DATE_PATTERN, { message: msg.date }) requestedDueDate!: string;
  @Text(2000, '延期理由') reason!: string;
}

export class ApproveExtensionDto {
  @OptionalDate('批准的新办理期限;默认为申请的日期') dueDate?: string;
  @OptionalText(2000, '审批意见') comment?: string;
}

export class RejectExtensionDto {
  @Text(2000, '不予延期的理由') reason!: string;
}

export class CompleteDocumentDto {
  @Text(10000, '办结情况') result!: string;
}

export class CloseDocumentDto {
  @OptionalText(2000, '关闭理由') reason?: string;
}

export class ArchiveDocumentDto {
  @OptionalText(100, '档号') @SingleLine() archiveNo?: string;
}
