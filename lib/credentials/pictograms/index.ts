export { PICTOGRAM_FAMILIES, PICTOGRAMS, isPictogramFamily, type PictogramFamily } from './shapes'
export { pictogramFamilyOf, type SkillForPictogram } from './families'
