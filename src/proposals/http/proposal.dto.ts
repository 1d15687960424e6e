import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CODE_PATTERN, msg } from '../../documents/http/dto/messages';
import { SingleLine } from '../../http/text-characters';
import { DateField, OneOf, OptionalText, Text } from '../../issuance/http/dto/dto-decorators';

export class RegisterProposalDto {
  @OneOf(['npc_suggestion', 'cppcc_proposal'], '人大代表建议 (npc_suggestion) / 政协委员提案 (cppcc_proposal)') kind!: 'npc_suggestion' | 'cppcc_proposal';
  @Text(50, '建议/提案编号, 如 第0012号') @SingleLine() number!: string;
  @Text(100, '会议届次, 如 市十六届人大五次会议') @SingleLine() session!: string;
  @Text(100, '领衔代表/委员') @SingleLine() proposer!: string;
  @ApiPropertyOptional({ type: [String], description: '附议人' })
  @IsOptional() @IsArray({ message: msg.array }) @ArrayMaxSize(100, { message: msg.arraySize(0, 100) })
  @IsString({ each: true, message: msg.string }) @IsNotEmpty({ each: true, message: msg.required }) @MaxLength(100, { each: true, message: msg.maxLength(100) }) @SingleLine(true)
  coProposers?: string[];
  @Text(300, '主题') @SingleLine() subject!: string;
}

export class AssignProposalDto {
  @Text(64, '主办单位编码') @Matches(CODE_PATTERN, { message: msg.code }) leadUnit!: string;
  @ApiPropertyOptional({ type: [String], description: '协办单位编码' })
  @IsOptional() @IsArray({ message: msg.array }) @ArrayMaxSize(20, { message: msg.arraySize(0, 20) })
  @Matches(CODE_PATTERN, { each: true, message: msg.code })
  coUnits?: string[];
}

export class CoOpinionDto {
  @Text(5000, '协办意见') opinion!: string;
}
export class ProposalExtensionRequestDto {
  @Text(2000, '延期理由') reason!: string;
  @DateField('申请延至日期') requestedDueDate!: string;
}
export class ProposalExtensionApprovalDto {
  @DateField('批准延至日期 (默认为申请的日期)', true) dueDate?: string;
}
export class ProposalExtensionRejectionDto {
  @Text(2000, '不予延期的理由') reason!: string;
}
export class AnswerProposalDto {
  @OneOf(['A', 'B', 'C', 'D'], 'A 已解决或采纳 / B 正在解决或列入计划 / C 因条件限制暂不能解决 / D 留作参考') answerClass!: 'A' | 'B' | 'C' | 'D';
  @Text(5000, '答复内容摘要') summary!: string;
}
export class SatisfactionDto {
  @OneOf(['satisfied', 'basically_satisfied', 'dissatisfied'], '满意 / 基本满意 / 不满意') satisfaction!: 'satisfied' | 'basically_satisfied' | 'dissatisfied';
  @OptionalText(4000, '代表/委员的反馈意见') feedback?: string;
}
export class PublishResultDto {
  @Text(200, '公开渠道') @SingleLine() channel!: string;
  @OptionalText(2000, '公开网址') @SingleLine() url?: string;
}
