import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DATE_PATTERN, msg } from '../../../documents/http/dto/messages';

/** Property decorators shared by the issuance and proposal DTOs (Chinese messages). */
export function Text(max: number, description: string): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ description, maxLength: max })(target, key);
    IsString({ message: msg.string })(target, key);
    IsNotEmpty({ message: msg.required })(target, key);
    MaxLength(max, { message: msg.maxLength(max) })(target, key);
  };
}

export function OptionalText(max: number, description: string): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ description, maxLength: max })(target, key);
    IsOptional()(target, key);
    IsString({ message: msg.string })(target, key);
    IsNotEmpty({ message: msg.required })(target, key);
    MaxLength(max, { message: msg.maxLength(max) })(target, key);
  };
}

export function OneOf(values: readonly string[], description: string, optional = false): PropertyDecorator {
  return (target, key) => {
    (optional ? ApiPropertyOptional : ApiProperty)({ description, enum: [...values] })(target, key);
    if (optional) IsOptional()(target, key);
    IsIn([...values], { message: msg.oneOf(values) })(target, key);
  };
}

export function DateField(description: string, optional = false): PropertyDecorator {
  return (target, key) => {
    (optional ? ApiPropertyOptional : ApiProperty)({ description, example: '2026-03-31' })(target, key);
    if (optional) IsOptional()(target, key);
    Matches(DATE_PATTERN, { message: msg.date })(target, key);
  };
}

export function Bool(description: string, optional = false): PropertyDecorator {
  return (target, key) => {
    (optional ? ApiPropertyOptional : ApiProperty)({ description })(target, key);
    if (optional) IsOptional()(target, key);
    IsBoolean({ message: msg.bool })(target, key);
  };
}
