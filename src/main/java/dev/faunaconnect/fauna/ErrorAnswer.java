package dev.faunaconnect.fauna;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.faunadb.client.HttpResponses.QueryError;
import com.faunadb.client.HttpResponses.QueryErrorResponse;
import com.faunadb.client.errors.BadRequestException;
import com.faunadb.client.errors.FaunaException;
import com.faunadb.client.errors.InternalException;
import com.faunadb.client.errors.NotFoundException;
import com.faunadb.client.errors.PermissionDeniedException;
import com.faunadb.client.errors.ResourceNotAvailableException;
import com.faunadb.client.errors.TooManyRequestsException;
import com.faunadb.client.errors.TransactionContentionException;
import com.faunadb.client.errors.UnauthorizedException;
import com.faunadb.client.errors.UnavailableException;
import com.faunadb.client.errors.UnknownException;
import java.util.ArrayList;
import java.util.List;

/**
 * An error answer ({@code {"errors":[{position, code, description}]}}, status 300 or more) as the driver's own
 * exception, made as the driver makes it: by status (400, 401, 403, 404, 409, 410, 429, 500, 503, other), with the
 * driver's message. So {@link FaunaErrors} classifies an answer read here exactly as one the driver read.
 */
final class ErrorAnswer {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ErrorAnswer() {}

  static FaunaException exception(int status, String body) {
    QueryErrorResponse response;
    try {
      response = QueryErrorResponse.create(status, errors(body));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return status == 503 ? new UnavailableException("Service Unavailable: Unparseable response.", e)
          : new UnknownException("Unparseable service " + status + " response.", e);
    }
    return switch (status) {
      case 400 -> new BadRequestException(response);
      case 401 -> new UnauthorizedException(response);
      case 403 -> new PermissionDeniedException(response);
      case 404 -> new NotFoundException(response);
      case 409 -> new TransactionContentionException(response);
      case 410 -> new ResourceNotAvailableException(response);
      case 429 -> new TooManyRequestsException(response);
      case 500 -> new InternalException(response);
      case 503 -> new UnavailableException(response);
      default -> new UnknownException(response);
    };
  }

  private static List<QueryError> errors(String body) throws JsonProcessingException {
    List<QueryError> errors = new ArrayList<>();
    JsonNode list = MAPPER.readTree(body).get("errors");
    if (list != null) {
      for (JsonNode error : list) {
        errors.add(MAPPER.treeToValue(error, QueryError.class));
      }
    }
    return errors;
  }
}
