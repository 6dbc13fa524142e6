package cn.computeloan.engine.record;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a snapshot field that holds a JSON-compatible Java value (a variable value, a map of
 * variables, a read-model document): it is written with {@link TypedValues}, which keeps the Java
 * number types (a {@code Long} stays a {@code Long}), so that a restored value equals the original.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JsonSerialize(using = TypedValues.Writer.class)
@JsonDeserialize(using = TypedValues.Reader.class)
public @interface Typed {}
