// French elides "de" and "que" before a vowel: "Récit d’Inès", "Récit de Samira". A name is data,
// so a message cannot know its first letter: the caller passes this flag and the French message
// chooses with `{elision, select, yes {d’{name}} other {de {name}}}`. English ignores the flag.

// Vowels, accented or not, and the ligatures; not "h" (aspirated or not depends on the word: "de
// Hugo", "d’Hélène") nor "y" ("de Yanis"): for those "de" is the safe spelling.
const ELIDES = /^[\s«“"'’(]*[aeiouàâäéèêëîïôöùûüœæ]/iu

/** 'yes' when French elides "de"/"que" before this word or name, else 'no' (for an ICU select). */
export function elision(word: string): 'yes' | 'no' {
  return ELIDES.test(word) ? 'yes' : 'no'
}

/** The values of a message that names someone after "de": `t('from', withElision(name))`. */
export function withElision(name: string): { name: string; elision: 'yes' | 'no' } {
  return { name, elision: elision(name) }
}
