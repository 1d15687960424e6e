/**
 * 发文字号: 机关代字 + 〔年份〕 + 序号 + 号, e.g. 张政发〔2026〕21号 (the seed itself is
 * 张政发〔2022〕21号). 《党政机关公文处理工作条例》第九条(四): 年份、发文顺序号用阿拉伯数字,
 * 年份用六角括号〔〕, 顺序号不编虚位 (no leading zeros).
 */
export interface DocumentNumber {
  code: string;
  year: number;
  sequence: number;
}

export function formatDocumentNumber({ code, year, sequence }: DocumentNumber): string {
  return `${code}〔${year}〕${sequence}号`;
}

const PATTERN = /^(\p{Script=Han}{2,12})〔(\d{4})〕([1-9]\d*)号$/u;

export function parseDocumentNumber(text: string): DocumentNumber | undefined {
  const m = PATTERN.exec(text);
  return m ? { code: m[1]!, year: Number(m[2]), sequence: Number(m[3]) } : undefined;
}

/** 机关代字 must be a few Han characters: it becomes part of a stream id and of the number. */
export const isDocumentCode = (code: unknown): code is string =>
  typeof code === 'string' && /^\p{Script=Han}{2,12}$/u.test(code);
