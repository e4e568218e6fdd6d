package dev.shiplane.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.jsontype.TypeIdResolver;
import java.io.IOException;

/**
 * Words Jackson's refusals of a value of the wrong shape as {@link StrictScalars} words a wrong scalar ("expected an
 * object, found array") instead of naming Java types and tokens to an event's sender. Refusing stays Jackson's.
 */
final class ShapeMismatches extends DeserializationProblemHandler {

    /** A list or a record met something else than an array or an object. */
    @Override
    public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
                                        String failureMsg) throws IOException {
        if (targetType.isCollectionLikeType() || targetType.isArrayType()) {
            return ctxt.reportInputMismatch(targetType, "expected an array, found %s", StrictScalars.kind(t));
        }
        if (targetType.isRecordType() || targetType.isMapLikeType()) {
            return ctxt.reportInputMismatch(targetType, "expected an object, found %s", StrictScalars.kind(t));
        }
        return NOT_HANDLED;
    }

    /** A record or a list met a scalar (Jackson looks for a constructor taking it). */
    @Override
    public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass,
                                            ValueInstantiator valueInsta, JsonParser p, String msg) throws IOException {
        var token = p.currentToken();
        if (token == null || !token.isScalarValue()) return NOT_HANDLED;
        if (instClass.isRecord()) {
            return ctxt.reportInputMismatch(instClass, "expected an object, found %s", StrictScalars.kind(token));
        }
        if (java.util.Collection.class.isAssignableFrom(instClass)) {
            return ctxt.reportInputMismatch(instClass, "expected an array, found %s", StrictScalars.kind(token));
        }
        return NOT_HANDLED;
    }

    /** A stored rollout action without its tag, or not even an object. */
    @Override
    public JavaType handleMissingTypeId(DeserializationContext ctxt, JavaType baseType, TypeIdResolver idResolver,
                                        String failureMsg) throws IOException {
        var token = ctxt.getParser().currentToken();
        if (token != null && (token.isScalarValue() || token == JsonToken.START_ARRAY)) {
            return ctxt.reportInputMismatch(baseType, "expected an object, found %s", StrictScalars.kind(token));
        }
        throw InvalidTypeIdException.from(ctxt.getParser(), failureMsg + " (one of "
                + idResolver.getDescForKnownTypeIds() + ")", baseType, null);
    }

    /** A stored rollout action whose tag this version does not know. */
    @Override
    public JavaType handleUnknownTypeId(DeserializationContext ctxt, JavaType baseType, String subTypeId,
                                        TypeIdResolver idResolver, String failureMsg) throws IOException {
        throw InvalidTypeIdException.from(ctxt.getParser(), "'" + StrictScalars.abbreviated(subTypeId)
                + "' is not one of " + idResolver.getDescForKnownTypeIds(), baseType, subTypeId);
    }
}
