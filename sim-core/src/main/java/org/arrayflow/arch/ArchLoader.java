package org.arrayflow.arch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.arrayflow.config.Bundled;
import org.arrayflow.config.Node;
import org.arrayflow.config.SchemaCheck;
import org.arrayflow.config.YamlDocument;
import org.arrayflow.tensor.Datatype;

/**
 * Reads an architecture YAML (format {@code arrayflow-arch/1}): the common header is checked first, then the
 * kind named by {@code type:} is looked up in {@link ArchKinds}, and its schema and semantic rules are applied.
 */
public final class ArchLoader {
    private ArchLoader() {}

    public static Architecture load(String nameOrPath) {
        Bundled.Source src = Bundled.resolve(Bundled.ARCH, nameOrPath);
        return parse(src.displayName(), src.text());
    }

    public static Architecture parse(String file, String text) {
        return fromDocument(YamlDocument.parse(file, text));
    }

    /** An architecture that must be of one kind (for a kind's own command or study); else an input error. */
    public static <A extends Architecture> A load(String nameOrPath, Class<A> kind, String what) {
        return ArchKinds.require(load(nameOrPath), kind, what, nameOrPath);
    }

    /** Builds an architecture from an already parsed (possibly edited) document. */
    public static Architecture fromDocument(YamlDocument doc) {
        SchemaCheck.validate(doc, "arch");
        Node root = Node.root(doc);
        ArchKind<?> kind = kind(root);
        checkWordBits(root);
        SchemaCheck.validate(doc, kind.schema());
        return MultiCore.of(kind.read(root), CoresReader.read(root), ChipsReader.read(root));
    }

    /**
     * An architecture's word takes whole bytes ({@link Datatype#word}), whatever its kind: a word_bits below 8 is
     * refused here, before the kind's schema (whose minimum says only the number), with where sub-byte types go.
     */
    private static void checkWordBits(Node root) {
        JsonNode bits = root.has("word_bits") ? root.get("word_bits").json() : null;
        if (bits != null && bits.isIntegralNumber() && bits.asLong() < Datatype.MIN_WORD_BITS) {
            throw root.error("word_bits", "must be at least " + Datatype.MIN_WORD_BITS + ", found " + bits.asLong()
                    + ": an architecture's word is stored in whole bytes (sub-byte types such as int4 and int2 are "
                    + "per-tensor datatypes a workload states under tensors:)");
        }
    }

    /** The registered kind the file names, or the error a schema enum would give (listing the known types). */
    private static ArchKind<?> kind(Node root) {
        JsonNode type = root.get("type").json();
        ArchKind<?> kind = type.isTextual() ? ArchKinds.byType(type.asText()) : null;
        if (kind == null) {
            var known = JsonNodeFactory.instance.arrayNode();
            ArchKinds.types().forEach(known::add);
            throw root.error("type", "must be one of " + known + ", found " + type);
        }
        return kind;
    }
}
