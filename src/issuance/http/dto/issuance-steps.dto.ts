import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { SingleLine } from '../../../http/text-characters';
import { Bool, DateField, OneOf, OptionalText, Text } from './dto-decorators';

export class ReviseDraftDto {
  @OptionalText(200, '新标题') @SingleLine() title?: string;
  @Text(2000, '修改说明') summary!: string;
  @Bool('本次修改落实会议「修改后通过」的修改意见 (第三十五条): 审议结论及所依据的审核随之适用于新文稿', true) implementsAmendments?: boolean;
}
export class OpenPublicCommentDto {
  @DateField('征求意见开始日期') opensOn!: string;
  @DateField('征求意见截止日期') closesOn!: string;
  @Text(200, '公布渠道') @SingleLine() channel!: string;
}
export class ClosePublicCommentDto {
  @ApiProperty({ description: '收到意见条数' })
  @IsInt({ message: '$property 应为整数' }) @Min(0, { message: '$property 不能为负数' }) @Max(1_000_000, { message: '$property 过大' })
  commentCount!: number;
  @Text(4000, '意见采纳情况') summary!: string;
}
export class LegalityReviewDto {
  @Bool('审核结论: 合法 (true) 或不合法 (false)') lawful!: boolean;
  @Text(4000, '合法性审核意见') opinion!: string;
}
export class IntegrityReviewDto {
  @Bool('廉洁性审核是否通过') passed!: boolean;
  @Text(4000, '廉洁性审核意见') opinion!: string;
}
export class SupervisionOpinionDto {
  @Bool('是否同意起草单位的合法性审核意见') concurs!: boolean;
  @Text(4000, '监督意见') opinion!: string;
}
export class AgreementTextReviewDto {
  @Bool('协议文本是否合法') lawful!: boolean;
  @Text(4000, '审核意见') opinion!: string;
}
export class SubmitForDeliberationDto {
  @OneOf(['executive', 'plenary'], '常务会议 / 全体会议') meeting!: 'executive' | 'plenary';
}
export class RecordDeliberationDto {
  @Text(100, '会议届次, 如 市政府第12次常务会议') @SingleLine() session!: string;
  @DateField('会议日期') heldOn!: string;
  @OneOf(['adopted', 'adopted_with_amendments', 'rejected', 'deferred'], '审议结果') outcome!: 'adopted' | 'adopted_with_amendments' | 'rejected' | 'deferred';
  @OptionalText(4000, '审议意见') notes?: string;
}
export class OpinionDto {
  @OptionalText(4000, '意见') opinion?: string;
}
export class DelegateSigningDto {
  @Text(100, '委托编号') @SingleLine() delegationId!: string;
  @Text(100, '受委托的副市长 (常务或其他) 职位编码') @SingleLine() delegateLeaderId!: string;
  @Text(40, '委托开始时间 (带时区的 ISO 时间)') @SingleLine() from!: string;
  @Text(40, '委托结束时间 (带时区的 ISO 时间)') @SingleLine() until!: string;
  @Text(500, '委托事由') reason!: string;
}
export class PublishDto {
  @Text(200, '公开渠道') @SingleLine() channel!: string;
  @OptionalText(2000, '公开网址') @SingleLine() url?: string;
}
export class ExemptFromPublicationDto {
  @Text(500, '不予公开的法律依据') legalBasis!: string;
  @Text(2000, '理由') reason!: string;
}
export class FileDto {
  @Text(200, '备案登记号或报送文号') @SingleLine() reference!: string;
}
