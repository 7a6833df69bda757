import { randomInt } from 'node:crypto'

// No 0/o, 1/l/i: a password read aloud or copied from a screen by hand is typed right the first time.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'
const GROUPS = 4
const GROUP_LENGTH = 4

/**
 * A password given to a person once (the first admin's, an admin's reset): 16 characters from 31,
 * about 79 bits, in groups of four (`k7mq-x3rt-9vwp-hz4c`). randomInt draws without modulo bias.
 */
export function generatePassword(): string {
  const groups: string[] = []
  for (let g = 0; g < GROUPS; g++) {
    let group = ''
    for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET[randomInt(ALPHABET.length)]
    groups.push(group)
  }
  return groups.join('-')
}
