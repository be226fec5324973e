package org.arrayflow.arch;

import org.arrayflow.config.Bundled;
import org.arrayflow.config.Node;
import org.arrayflow.config.SchemaCheck;
import org.arrayflow.config.YamlDocument;

/**
 * Reads an architecture YAML (format {@code arrayflow-arch/1}): the common header is checked first,
 * then the schema of the kind named by {@code type:}, then the kind's semantic rules.
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

    /** Builds an architecture from an already parsed (possibly edited) document. */
    public static Architecture fromDocument(YamlDocument doc) {
        SchemaCheck.validate(doc, "arch");
        Node root = Node.root(doc);
        String type = root.text("type");
        SchemaCheck.validate(doc, "arch-" + type);
        switch (type) {
            case "systolic":
                return SystolicArchReader.read(root);
            case "tiled-fusion":
                return TiledFusionArchReader.read(root);
            case "row-stationary":
                return RowStationaryArchReader.read(root);
            default:
                throw root.error("type", "unsupported architecture type '" + type + "'");
        }
    }
}
