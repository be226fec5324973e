package org.arrayflow.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;

import java.io.IOException;

/**
 * A JSON generator that writes finite doubles with {@link NumberTexts}'s remembered {@code Double.toString}
 * text, the text Jackson itself writes for them, so the bytes are the same. Not-a-number and the infinities
 * go to Jackson unchanged (it quotes them).
 */
final class CachedDoubleGenerator extends JsonGeneratorDelegate {
    CachedDoubleGenerator(JsonGenerator g) {
        // false: methods that write whole values (writeObject, writeTree) go through this generator too
        super(g, false);
    }

    @Override
    public void writeNumber(double v) throws IOException {
        if (Double.isFinite(v)) {
            delegate.writeNumber(NumberTexts.toString(v));
        } else {
            delegate.writeNumber(v);
        }
    }
}
