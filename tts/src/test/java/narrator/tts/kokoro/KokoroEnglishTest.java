package narrator.tts.kokoro;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** kokoro-js's rewrites of espeak-ng's IPA, one rule per row. */
class KokoroEnglishTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            kəkˈoːɹoʊ ɪz nˈaɪs          | false | kˈoʊkəɹoʊ ɪz nˈaɪs
            kəkˈɔːɹəʊ                   | true  | kˈəʊkəɹəʊ
            bˈʲuːti                      | false | bˈjuːti
            rˈʌn                         | true  | ɹˈʌn
            lˈɒx                         | true  | lˈɒk
            ɬˈan                         | true  | lˈan
            fˈaɪvhˈʌndɹɪd                | false | fˈaɪv hˈʌndɹɪd
            nˈaɪnti z, nˈaɪnti z         | true  | nˈaɪntiz, nˈaɪntiz
            nˈaɪnti nˈaɪntiːn            | false | nˈaɪndi nˈaɪntiːn
            nˈaɪnti                      | true  | nˈaɪnti
            """)
    void rewritesEspeakIpaAsKokoroJsDoes(String espeak, boolean british, String kokoro) {
        assertEquals(kokoro, KokoroEnglish.rewritten(espeak, british));
    }
}
