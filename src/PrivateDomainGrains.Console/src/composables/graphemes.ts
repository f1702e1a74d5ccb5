const segmenter = new Intl.Segmenter();

/**
 * The length of `text` as a person counts it, and as the server's limits do (text elements): 👍 or 🇨🇳 is one, not the
 * two or four UTF-16 units a native `maxlength` counts. For Naive UI's `count-graphemes` with `maxlength`.
 */
export function graphemes(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}
