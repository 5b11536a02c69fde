/** Samples of a band run and of each block (the first band comes from the first block, at once). */
export const BAND_SAMPLES = 4000;
export const BAND_BLOCK = 250;
