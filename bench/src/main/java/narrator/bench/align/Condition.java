package narrator.bench.align;

/**
 * How one test recording differs from the reference: the espeak-ng voice (a language and variant such as
 * {@code en-gb-x-rp+f3}) and speed that speak it, the pauses inserted, and what is mixed under it, in dB
 * relative to the speech's level ({@code null} for none). {@code resample} sends it through 16 kHz and back.
 */
record Condition(String voice, double speed, double wordPauseChance, Double noiseDb, Double musicDb,
                 boolean resample, long seed) {
    String describe() {
        return voice + " x" + speed + (wordPauseChance > 0 ? " pauses" : "")
                + (noiseDb == null ? "" : " noise" + noiseDb.intValue() + "dB")
                + (musicDb == null ? "" : " music" + musicDb.intValue() + "dB") + (resample ? " 16k" : "");
    }
}
