package narrator.tts.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a small ONNX model (a {@code ModelProto}) so tests can generate models of the real voice
 * formats at test time instead of downloading them. It is a hand-written protobuf encoder covering
 * only what test graphs need: typed inputs and outputs, raw-data initializers, and nodes with int,
 * float, ints, floats, string and tensor attributes. Field numbers follow {@code onnx/onnx.proto}.
 *
 * <pre>{@code
 * new OnnxModelWriter()
 *     .input("x", DataType.INT64, "1", "n")          // "n" is a symbolic dimension
 *     .node("Cast", List.of("x"), List.of("y"), Map.of("to", DataType.FLOAT.code()))
 *     .output("y", DataType.FLOAT, "1", "n")
 *     .write(path);
 * }</pre>
 */
public final class OnnxModelWriter {
    /** ONNX {@code TensorProto.DataType} codes for the element types tests use. */
    public enum DataType {
        FLOAT(1, 4), INT32(6, 4), INT64(7, 8), BOOL(9, 1), DOUBLE(11, 8);

        private final int code;
        private final int bytes;

        DataType(int code, int bytes) {
            this.code = code;
            this.bytes = bytes;
        }

        /** The code ONNX uses, e.g. for a {@code Cast} node's {@code to} attribute. */
        public int code() {
            return code;
        }
    }

    /** A constant tensor: element type, dimensions and little-endian raw bytes. */
    public record Tensor(DataType type, long[] dims, byte[] raw) {
        public Tensor {
            long count = 1;
            for (long d : dims) {
                count *= d;
            }
            if (count * type.bytes != raw.length) {
                throw new IllegalArgumentException("raw data does not match the dimensions");
            }
            dims = dims.clone();
            raw = raw.clone();
        }

        public static Tensor floats(long[] dims, float... values) {
            ByteBuffer buffer = littleEndian(values.length * 4);
            buffer.asFloatBuffer().put(values);
            return new Tensor(DataType.FLOAT, dims, buffer.array());
        }

        public static Tensor int64s(long[] dims, long... values) {
            ByteBuffer buffer = littleEndian(values.length * 8);
            buffer.asLongBuffer().put(values);
            return new Tensor(DataType.INT64, dims, buffer.array());
        }

        public static Tensor int32s(long[] dims, int... values) {
            ByteBuffer buffer = littleEndian(values.length * 4);
            buffer.asIntBuffer().put(values);
            return new Tensor(DataType.INT32, dims, buffer.array());
        }

        /** A rank-0 float, handy for {@code Mul}/{@code Add} constants that broadcast. */
        public static Tensor scalar(float value) {
            return floats(new long[0], value);
        }

        private static ByteBuffer littleEndian(int size) {
            return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    // Attribute types from AttributeProto.AttributeType.
    private static final int ATTR_FLOAT = 1;
    private static final int ATTR_INT = 2;
    private static final int ATTR_STRING = 3;
    private static final int ATTR_TENSOR = 4;
    private static final int ATTR_FLOATS = 6;
    private static final int ATTR_INTS = 7;

    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> nodes = new ArrayList<>();
    private int opset = 17;

    /** Default-domain opset version (17 unless changed); 17 keeps ReduceMean's axes an attribute. */
    public OnnxModelWriter opset(int version) {
        this.opset = version;
        return this;
    }

    /** A graph input. Each dim is a number (fixed) or a name (symbolic, e.g. {@code "n"}). */
    public OnnxModelWriter input(String name, DataType type, String... dims) {
        inputs.add(valueInfo(name, type, dims));
        return this;
    }

    /** A graph output; dims as for {@link #input}. */
    public OnnxModelWriter output(String name, DataType type, String... dims) {
        outputs.add(valueInfo(name, type, dims));
        return this;
    }

    public OnnxModelWriter initializer(String name, Tensor tensor) {
        initializers.add(tensor(name, tensor));
        return this;
    }

    /**
     * A node of the default domain. Attribute values: Integer/Long (int), Float/Double (float),
     * int[]/long[] (ints), float[] (floats), String (string), {@link Tensor} (tensor). An empty
     * string in {@code in} skips an optional input.
     */
    public OnnxModelWriter node(String opType, List<String> in, List<String> out, Map<String, ?> attributes) {
        Proto node = new Proto();
        in.forEach(name -> node.string(1, name));
        out.forEach(name -> node.string(2, name));
        node.string(3, opType + "_" + nodes.size());
        node.string(4, opType);
        // Sorted so the same graph always encodes to the same bytes.
        attributes.keySet().stream().sorted()
                .forEach(key -> node.message(5, attribute(key, attributes.get(key))));
        nodes.add(node.bytes());
        return this;
    }

    public OnnxModelWriter node(String opType, List<String> in, List<String> out) {
        return node(opType, in, out, Map.of());
    }

    public byte[] toBytes() {
        Proto graph = new Proto();
        nodes.forEach(node -> graph.message(1, node));
        graph.string(2, "test_graph");
        initializers.forEach(init -> graph.message(5, init));
        inputs.forEach(input -> graph.message(11, input));
        outputs.forEach(output -> graph.message(12, output));

        Proto opsetId = new Proto();
        opsetId.string(1, "");
        opsetId.varint(2, opset);

        Proto model = new Proto();
        model.varint(1, 8); // ir_version 8 (ONNX 1.10+), accepted by every current ONNX Runtime
        model.string(2, "narrator-tests");
        model.message(7, graph.bytes());
        model.message(8, opsetId.bytes());
        return model.bytes();
    }

    public Path write(Path file) {
        try {
            Files.write(file, toBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] valueInfo(String name, DataType type, String... dims) {
        Proto shape = new Proto();
        for (String dim : dims) {
            Proto dimension = new Proto();
            if (dim.chars().allMatch(Character::isDigit) && !dim.isEmpty()) {
                dimension.varint(1, Long.parseLong(dim));
            } else {
                dimension.string(2, dim);
            }
            shape.message(1, dimension.bytes());
        }
        Proto tensorType = new Proto();
        tensorType.varint(1, type.code);
        tensorType.message(2, shape.bytes());
        Proto typeProto = new Proto();
        typeProto.message(1, tensorType.bytes());
        Proto info = new Proto();
        info.string(1, name);
        info.message(2, typeProto.bytes());
        return info.bytes();
    }

    private static byte[] tensor(String name, Tensor tensor) {
        Proto proto = new Proto();
        for (long dim : tensor.dims()) {
            proto.varint(1, dim);
        }
        proto.varint(2, tensor.type().code);
        proto.string(8, name);
        proto.bytes(9, tensor.raw());
        return proto.bytes();
    }

    private static byte[] attribute(String name, Object value) {
        Proto attr = new Proto();
        attr.string(1, name);
        if (value instanceof Integer || value instanceof Long) {
            attr.varint(3, ((Number) value).longValue());
            attr.varint(20, ATTR_INT);
        } else if (value instanceof Float || value instanceof Double) {
            attr.fixed32(2, Float.floatToIntBits(((Number) value).floatValue()));
            attr.varint(20, ATTR_FLOAT);
        } else if (value instanceof int[] ints) {
            for (int i : ints) {
                attr.varint(8, i);
            }
            attr.varint(20, ATTR_INTS);
        } else if (value instanceof long[] longs) {
            for (long l : longs) {
                attr.varint(8, l);
            }
            attr.varint(20, ATTR_INTS);
        } else if (value instanceof float[] floats) {
            for (float f : floats) {
                attr.fixed32(7, Float.floatToIntBits(f));
            }
            attr.varint(20, ATTR_FLOATS);
        } else if (value instanceof String s) {
            attr.string(4, s);
            attr.varint(20, ATTR_STRING);
        } else if (value instanceof Tensor t) {
            attr.message(5, tensor(name, t));
            attr.varint(20, ATTR_TENSOR);
        } else {
            throw new IllegalArgumentException("unsupported attribute value for " + name + ": " + value);
        }
        return attr.bytes();
    }

    /** Protobuf wire encoding: tags, varints, fixed32 and length-delimited fields. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void varint(int field, long value) {
            tag(field, 0);
            rawVarint(value);
        }

        void fixed32(int field, int value) {
            tag(field, 5);
            for (int i = 0; i < 4; i++) {
                out.write(value >>> (8 * i));
            }
        }

        void string(int field, String value) {
            bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        void message(int field, byte[] encoded) {
            bytes(field, encoded);
        }

        void bytes(int field, byte[] value) {
            tag(field, 2);
            rawVarint(value.length);
            out.writeBytes(value);
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void tag(int field, int wireType) {
            rawVarint(((long) field << 3) | wireType);
        }

        // Negative numbers take ten bytes, as protobuf encodes int64 two's complement.
        private void rawVarint(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }
    }
}
