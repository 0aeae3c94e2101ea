package narrator.tts.kokoro;

import narrator.tts.ModelCall;

/** One model call and the piece of the text it speaks (the whole text unless it had to be split). */
record KokoroPiece(String text, ModelCall call) {
}
