const segmenter = new Intl.Segmenter();

/**
 * The length of `text` as a person counts it, and as the server's limits do (text elements): 👍 or 🇨🇳 is one, not the
 * two or four UTF-16 units a native `maxlength` counts. For LimitedInput's count and the forms' `tooLong`.
 */
export function graphemes(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

/** Over the server's limit of `max` text elements: the form refuses to send it (LimitedInput says so at the field). */
export const tooLong = (text: string | null | undefined, max: number): boolean => graphemes(text ?? "") > max;
