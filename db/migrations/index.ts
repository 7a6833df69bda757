import type { Migration } from 'kysely'
import * as m20261127_1200 from './2026_11_27_1200_initial'
import * as m20261127_1400 from './2026_11_27_1400_journey'
import * as m20261127_1500 from './2026_11_27_1500_status_lists'
import * as m20261127_1600 from './2026_11_27_1600_trust'
import * as m20261127_1700 from './2026_11_27_1700_path_pilots'
import * as m20261127_1800 from './2026_11_27_1800_network'
import * as m20261207_1000 from './2026_12_07_1000_linked_identifiers'
import * as m20261207_1100 from './2026_12_07_1100_offers_retired_keys'
import * as m20261207_1230 from './2026_12_07_1230_share_token_ciphertext'
import * as m20261207_2330 from './2026_12_07_2330_taxonomy_words'
import * as m20261207_2340 from './2026_12_07_2340_directory_skill_levels'
import * as m20261208_0000 from './2026_12_08_0000_notifications'
import * as m20261208_0100 from './2026_12_08_0100_bulk_encoding_duplicates'
import * as m20261208_1400 from './2026_12_08_1400_large_data_indexes'
import * as m20261208_1500 from './2026_12_08_1500_enum_checks'

/**
 * Static map of every migration, in order of their timestamped names. A static import map
 * (rather than a folder read at run time) works the same in Next's bundle, the CLI and vitest.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_27_1200_initial': m20261127_1200,
  '2026_11_27_1400_journey': m20261127_1400,
  '2026_11_27_1500_status_lists': m20261127_1500,
  '2026_11_27_1600_trust': m20261127_1600,
  '2026_11_27_1700_path_pilots': m20261127_1700,
  '2026_11_27_1800_network': m20261127_1800,
  '2026_12_07_1000_linked_identifiers': m20261207_1000,
  '2026_12_07_1100_offers_retired_keys': m20261207_1100,
  '2026_12_07_1230_share_token_ciphertext': m20261207_1230,
  '2026_12_07_2330_taxonomy_words': m20261207_2330,
  '2026_12_07_2340_directory_skill_levels': m20261207_2340,
  '2026_12_08_0000_notifications': m20261208_0000,
  '2026_12_08_0100_bulk_encoding_duplicates': m20261208_0100,
  '2026_12_08_1400_large_data_indexes': m20261208_1400,
  '2026_12_08_1500_enum_checks': m20261208_1500,
}
