/** Chinese validation messages, one wording per constraint. `$property` is the field name. */
export const msg = {
  required: '$property 为必填项',
  string: '$property 应为文本',
  bool: '$property 应为 true 或 false',
  array: '$property 应为数组',
  date: '$property 应为日期,格式 YYYY-MM-DD',
  code: '$property 应为单位或领导编码(字母、数字、连字符)',
  oneOf: (values: readonly string[]) => `$property 取值应为 ${values.join(' / ')} 之一`,
  maxLength: (n: number) => `$property 不得超过 ${n} 个字符`,
  arraySize: (min: number, max: number) => `$property 应包含 ${min}–${max} 项`,
};

export const CODE_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
