package dev.itk.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.List;

/**
 * The client's JSON settings, in one place: compact UTF-8 output; unknown properties ignored;
 * trailing content after the value refused; decimals kept exactly (so {@code 1.50} is sent back as
 * {@code 1.50}, not {@code 1.5}).
 */
final class JsonCodec {
  private final ObjectMapper mapper =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          // Characters outside the BMP as raw 4-byte UTF-8, like every other language's encoder,
          // not as an escaped surrogate pair (Jackson's default when writing bytes).
          .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
          .build();

  byte[] toBytes(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot write "
              + value.getClass().getSimpleName()
              + " as JSON: "
              + e.getOriginalMessage(),
          e);
    }
  }

  JsonNode readTree(byte[] bytes) throws IOException {
    return mapper.readTree(bytes);
  }

  <T> T read(byte[] bytes, JavaType type) throws IOException {
    return mapper.readValue(bytes, type);
  }

  JavaType type(Class<?> type) {
    return mapper.constructType(type);
  }

  JavaType listOf(Class<?> element) {
    return mapper.getTypeFactory().constructCollectionType(List.class, element);
  }
}
