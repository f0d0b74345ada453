package fr.gouv.ti.commons.web;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;

/**
 * Typed query, path and header parameters (dates, UUIDs, numbers, booleans, enums) of every service: a value that
 * does not convert is a 400 problem naming the parameter. Without this JAX-RS answers 404 for a query or path value
 * it cannot convert ({@code ?state=NOPE}, {@code ?limit=ten}), which says "no such resource" for a client's typo.
 * The problem travels as the converter's failure; {@link fr.gouv.ti.commons.problem.ProblemMappers} renders it.
 */
@Provider
public class ParameterConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> type, Type genericType, Annotation[] annotations) {
        String name = parameterName(annotations);
        if (name == null) {
            return null;
        }
        // a blank query value is an absent filter; a blank path segment or primitive is not a value at all
        boolean blankRefused = type.isPrimitive() || Arrays.stream(annotations).anyMatch(a -> a instanceof PathParam);
        if (type == LocalDate.class) {
            return (ParamConverter<T>) converter(name, blankRefused, "an ISO-8601 date (YYYY-MM-DD)", LocalDate::parse);
        }
        if (type == UUID.class) {
            return (ParamConverter<T>) converter(name, blankRefused, "a UUID", ParameterConverters::uuid);
        }
        if (type == Integer.class || type == int.class) {
            return (ParamConverter<T>) converter(name, blankRefused, "a whole number", Integer::valueOf);
        }
        if (type == Long.class || type == long.class) {
            return (ParamConverter<T>) converter(name, blankRefused, "a whole number", Long::valueOf);
        }
        if (type == Boolean.class || type == boolean.class) {
            return (ParamConverter<T>) converter(name, blankRefused, "true or false", ParameterConverters::bool);
        }
        if (type.isEnum()) {
            Class<? extends Enum> e = (Class<? extends Enum>) type;
            return (ParamConverter<T>) converter(name, blankRefused, "one of " + Arrays.toString(e.getEnumConstants()),
                    v -> Enum.valueOf(e, v));
        }
        return null;
    }

    private static <T> ParamConverter<T> converter(String name, boolean blankRefused, String expected,
                                                   Function<String, T> parse) {
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null || value.isBlank()) {
                    if (blankRefused) {
                        throw QueryParams.refused(name, value == null ? "" : value, expected);
                    }
                    return null;
                }
                try {
                    return parse.apply(value.trim());
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    throw QueryParams.refused(name, value, expected);
                }
            }

            @Override
            public String toString(T value) {
                return value == null ? null : value.toString();
            }
        };
    }

    private static UUID uuid(String value) {
        UUID id = UUID.fromString(value);
        if (!id.toString().equalsIgnoreCase(value)) {
            throw new IllegalArgumentException("not in canonical form"); // UUID.fromString reads "1-1-1-1-1"
        }
        return id;
    }

    private static Boolean bool(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(value);
        };
    }

    private static String parameterName(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof PathParam p) {
                return p.value();
            }
            if (a instanceof HeaderParam h) {
                return h.value();
            }
        }
        return null;
    }
}
