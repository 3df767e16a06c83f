/**
 * Soft hyphens for Russian (and English) words, after P. Khmelev's syllable rules: enough for
 * narrow table headers, where the browser would otherwise break "Вычитани|е" anywhere, and
 * which Chromium without hyphenation dictionaries cannot hyphenate itself.
 */
const X = '[йъь]';
const G = '[аеёиоуыэюяaeiouy]';
const S = '[бвгджзклмнпрстфхцчшщbcdfghjklmnpqrstvwxz]';
const L = '[а-яёa-z]';

const RULES = [
  `(${X})(${L}${L})`,
  `(${G}${S})(${S}${G})`,
  `(${S}${G})(${S}${G})`,
  `(${G}${S})(${S}${S}${G})`,
  `(${G}${S}${S})(${S}${S}${G})`,
  `(${G}${S}${S})(${S}${S}${S}${G})`,
].map((rule) => new RegExp(rule, 'gi'));

const SHY = '\u00ad';

export function hyphenate(text: string): string {
  // Matches overlap ("ма-те-ма-ти-ка"), so each rule runs until nothing changes.
  let result = text;
  for (const rule of RULES) {
    let previous;
    do {
      previous = result;
      result = result.replace(rule, `$1${SHY}$2`);
    } while (result !== previous);
  }
  return result;
}
