package org.dialbridge.servlet.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dialbridge.core.error.ErrorCode;
import org.dialbridge.core.error.ProviderTimeoutException;
import org.dialbridge.core.error.ProviderUnavailableException;
import org.dialbridge.servlet.ErrorStatus;
import org.dialbridge.servlet.Problems;
import org.glassfish.jersey.server.model.Parameter;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * The checks that keep the OpenAPI document and the REST API from drifting apart. Each answers what
 * disagrees, as sentences, so a failing test says what to fix; empty when all agree.
 */
final class OpenApiChecks {
  private OpenApiChecks() {}

  static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

  /**
   * The codes no operation of the document lists, each with why: the REST API never answers them,
   * or answers them for no particular operation (the document's description says so).
   */
  static final Map<ErrorCode, String> NOT_PER_OPERATION =
      Map.of(
          ErrorCode.METHOD_NOT_ALLOWED, "a method no path takes: no operation to list it under",
          ErrorCode.WEBHOOK_UNAUTHENTICATED, "webhooks only (docs/webhooks.md)",
          ErrorCode.WEBHOOK_UNPARSEABLE, "webhooks only (docs/webhooks.md)",
          ErrorCode.PROVIDER_NOT_FOUND, "a webhook for an unknown provider; the API checks names",
          ErrorCode.OPERATION_UNSUPPORTED,
              "provider operations the API does not start (status polling, dispositions)",
          ErrorCode.CONFIG_INVALID, "at start-up: Dialbridge then does not mount");

  /** One operation of the Jersey model: {@code POST /calls/{id}/hangup}. */
  record Operation(String method, String path, ResourceMethod model) {
    String key() {
      return method + " " + path;
    }
  }

  /** Every operation the Jersey resources answer, by {@code METHOD /path}. */
  static Map<String, Operation> operations(Collection<Resource> resources) {
    Map<String, Operation> ops = new LinkedHashMap<>();
    for (Resource r : resources) collect(r, "", ops);
    return ops;
  }

  private static void collect(Resource r, String parent, Map<String, Operation> ops) {
    String path = join(parent, r.getPath());
    for (ResourceMethod m : r.getResourceMethods()) {
      Operation op = new Operation(m.getHttpMethod().toLowerCase(Locale.ROOT), path, m);
      ops.put(op.key(), op);
    }
    for (Resource child : r.getChildResources()) collect(child, path, ops);
  }

  private static String join(String parent, String path) {
    String p = path == null ? "" : path.replaceAll("^/+|/+$", "");
    return p.isEmpty() ? (parent.isEmpty() ? "/" : parent) : parent + "/" + p;
  }

  /** Every operation of the document, by {@code METHOD /path}. */
  static Map<String, JsonNode> documented(OpenApiDocument doc) {
    Map<String, JsonNode> ops = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.root().path("paths").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      for (String method : METHODS) {
        JsonNode op = path.getValue().get(method);
        if (op != null) ops.put(method + " " + path.getKey(), op);
      }
    }
    return ops;
  }

  /**
   * Operations, path and query parameters, request bodies (their fields) and media types: where the
   * document and the Jersey resources disagree.
   */
  static List<String> againstResources(OpenApiDocument doc, Collection<Resource> resources) {
    List<String> out = new ArrayList<>();
    Map<String, Operation> model = operations(resources);
    Map<String, JsonNode> documented = documented(doc);
    for (String key : model.keySet()) {
      if (!documented.containsKey(key)) out.add(key + " is answered but not documented");
    }
    for (String key : documented.keySet()) {
      if (!model.containsKey(key)) out.add(key + " is documented but not answered");
    }
    for (Operation op : model.values()) {
      JsonNode d = documented.get(op.key());
      if (d != null) compare(doc, op, d, out);
    }
    return out;
  }

  private static void compare(OpenApiDocument doc, Operation op, JsonNode d, List<String> out) {
    String key = op.key();
    List<Parameter> params = op.model().getInvocable().getParameters();
    Set<String> pathParams = new TreeSet<>();
    Matcher m = Pattern.compile("\\{([^}/:]+)").matcher(op.path());
    while (m.find()) pathParams.add(m.group(1));
    Set<String> boundPathParams = names(params, Parameter.Source.PATH);
    if (!boundPathParams.equals(pathParams)) {
      out.add(key + ": the method binds path parameters " + boundPathParams);
    }
    expect(key, "path parameters", pathParams, documentedParams(doc, d, "path"), out);
    expect(
        key,
        "query parameters",
        names(params, Parameter.Source.QUERY),
        documentedParams(doc, d, "query"),
        out);
    for (Parameter p : params) {
      if (p.getSource() != Parameter.Source.QUERY) continue;
      JsonNode documentedDefault =
          documentedParam(doc, d, "query", p.getSourceName()).path("schema").path("default");
      String documented = documentedDefault.isMissingNode() ? null : documentedDefault.asText();
      if (!Objects.equals(p.getDefaultValue(), documented)) {
        out.add(
            key
                + ": ?"
                + p.getSourceName()
                + " defaults to "
                + p.getDefaultValue()
                + ", documented "
                + documented);
      }
    }

    Parameter entity =
        params.stream()
            .filter(p -> p.getSource() == Parameter.Source.ENTITY)
            .findFirst()
            .orElse(null);
    JsonNode body = doc.resolve(d.path("requestBody"));
    if (entity == null && !body.isMissingNode())
      out.add(key + ": documents a body it does not read");
    if (entity != null && body.isMissingNode())
      out.add(key + ": reads a body it does not document");
    if (entity != null && !body.isMissingNode()) {
      Set<String> types = mediaTypes(body.path("content"));
      expect(key, "request media types", Set.of("application/json"), types, out);
      JsonNode schema = doc.resolve(body.path("content").path("application/json").path("schema"));
      if (entity.getRawType().isRecord()) {
        Set<String> fields =
            Arrays.stream(entity.getRawType().getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        expect(
            key,
            "request body fields",
            fields,
            new TreeSet<>(fieldNames(schema.path("properties"))),
            out);
        if (!schema.path("additionalProperties").isBoolean()
            || schema.path("additionalProperties").asBoolean()) {
          out.add(key + ": the body's schema must refuse unknown fields, as the API does");
        }
      }
    }

    Set<String> produced =
        op.model().getProducedTypes().stream()
            .map(t -> t.getType() + "/" + t.getSubtype())
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> success = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = d.path("responses").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> r = it.next();
      if (r.getKey().startsWith("2"))
        success.addAll(mediaTypes(doc.resolve(r.getValue()).path("content")));
    }
    Class<?> returns = op.model().getInvocable().getHandlingMethod().getReturnType();
    boolean alwaysABody = returns != void.class && returns != Response.class;
    boolean stream = produced.contains("text/event-stream");
    if ((alwaysABody || stream || !success.isEmpty()) && !success.equals(produced)) {
      out.add(key + ": answers " + produced + " but documents " + success);
    }
  }

  private static void expect(
      String key, String what, Set<String> actual, Set<String> documented, List<String> out) {
    if (!new TreeSet<>(actual).equals(new TreeSet<>(documented))) {
      out.add(
          key
              + ": "
              + what
              + " are "
              + new TreeSet<>(actual)
              + ", documented "
              + new TreeSet<>(documented));
    }
  }

  private static Set<String> names(List<Parameter> params, Parameter.Source source) {
    return params.stream()
        .filter(p -> p.getSource() == source)
        .map(Parameter::getSourceName)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static JsonNode documentedParam(
      OpenApiDocument doc, JsonNode op, String in, String name) {
    for (JsonNode p : op.path("parameters")) {
      JsonNode param = doc.resolve(p);
      if (param.path("in").asText().equals(in) && param.path("name").asText().equals(name)) {
        return param;
      }
    }
    return MissingNode.getInstance();
  }

  private static Set<String> documentedParams(OpenApiDocument doc, JsonNode op, String in) {
    Set<String> names = new TreeSet<>();
    for (JsonNode p : op.path("parameters")) {
      JsonNode param = doc.resolve(p);
      if (param.path("in").asText().equals(in)) names.add(param.path("name").asText());
    }
    return names;
  }

  /** The media types of a {@code content} map, without their parameters ({@code version=0.0.4}). */
  static Set<String> mediaTypes(JsonNode content) {
    Set<String> types = new TreeSet<>();
    for (String key : fieldNames(content)) types.add(bare(key));
    return types;
  }

  /** {@code text/plain} of {@code text/plain; version=0.0.4}. */
  static String bare(String mediaType) {
    return mediaType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new LinkedHashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The statuses {@code code} can be answered with ({@link ErrorStatus}). */
  static Set<Integer> statusesOf(ErrorCode code) {
    Set<Integer> statuses = new TreeSet<>(List.of(ErrorStatus.of(code)));
    // a provider failure whose outcome is unknown is a 502 (or 504), whatever its code
    if (code == ErrorCode.PROVIDER_UNAVAILABLE) {
      statuses.add(ErrorStatus.of(new ProviderUnavailableException("p", 500, null, true, null)));
    }
    if (code == ErrorCode.PROVIDER_TIMEOUT) {
      statuses.add(ErrorStatus.of(new ProviderTimeoutException("p", "late", true, null)));
    }
    return statuses;
  }

  /** The problem codes each operation documents, by status: {@code "post /calls" → 409 → [...]}. */
  static Map<String, Map<Integer, Set<String>>> problemCodes(OpenApiDocument doc) {
    Map<String, Map<Integer, Set<String>>> codes = new LinkedHashMap<>();
    documented(doc)
        .forEach(
            (key, op) -> {
              Map<Integer, Set<String>> byStatus = new LinkedHashMap<>();
              for (Iterator<Map.Entry<String, JsonNode>> it = op.path("responses").fields();
                  it.hasNext(); ) {
                Map.Entry<String, JsonNode> r = it.next();
                JsonNode problem =
                    doc.resolve(r.getValue()).path("content").path(Problems.MEDIA_TYPE);
                if (problem.isMissingNode()) continue;
                Set<String> enumerated = new LinkedHashSet<>();
                codesOf(doc, problem.path("schema")).forEach(c -> enumerated.add(c.asText()));
                byStatus.put(Integer.valueOf(r.getKey()), enumerated);
              }
              codes.put(key, byStatus);
            });
    return codes;
  }

  /** The {@code code} enum of a problem schema: its own, else that of the schema it refers to. */
  private static JsonNode codesOf(OpenApiDocument doc, JsonNode schema) {
    JsonNode codes = schema.path("properties").path("code").path("enum");
    JsonNode ref = schema.path("$ref");
    if (!codes.isMissingNode() || !ref.isTextual()) return codes;
    return codesOf(doc, doc.root().at(ref.asText().substring(1)));
  }

  /**
   * Each problem answer names its codes, each a code Dialbridge has, answered with that status; and
   * every code is listed somewhere, but those {@link #NOT_PER_OPERATION}.
   */
  static List<String> problemCodesAgainstErrorStatus(OpenApiDocument doc) {
    List<String> out = new ArrayList<>();
    Map<String, ErrorCode> byWire = new LinkedHashMap<>();
    for (ErrorCode c : ErrorCode.values()) byWire.put(c.wire(), c);
    Set<ErrorCode> listed = EnumSet.noneOf(ErrorCode.class);
    problemCodes(doc)
        .forEach(
            (key, byStatus) ->
                byStatus.forEach(
                    (status, codes) -> {
                      if (codes.isEmpty())
                        out.add(key + ": the " + status + " problem lists no code");
                      for (String wire : codes) {
                        ErrorCode code = byWire.get(wire);
                        if (code == null) {
                          out.add(
                              key + ": " + status + " lists " + wire + ", which is no error code");
                        } else if (!statusesOf(code).contains(status)) {
                          out.add(
                              key
                                  + ": "
                                  + status
                                  + " lists "
                                  + wire
                                  + ", answered "
                                  + statusesOf(code));
                        } else {
                          listed.add(code);
                        }
                      }
                    }));
    for (ErrorCode code : ErrorCode.values()) {
      if (!listed.contains(code) && !NOT_PER_OPERATION.containsKey(code)) {
        out.add(code.wire() + " is answered by no documented operation");
      }
      if (listed.contains(code) && NOT_PER_OPERATION.containsKey(code)) {
        out.add(code.wire() + " is documented, yet said to be answered by no operation");
      }
    }
    return out;
  }

  /**
   * What {@code ApiSecurityFilter} and Jersey answer on every operation is listed on each: {@code
   * 401 unauthenticated} where a sign-in is needed, {@code 403 csrf_rejected}, {@code 406}, {@code
   * 500}; on every state-changing one the CSRF header, {@code 413} and {@code 415}.
   */
  static List<String> filterAnswersListed(OpenApiDocument doc) {
    List<String> out = new ArrayList<>();
    Map<String, JsonNode> ops = documented(doc);
    problemCodes(doc)
        .forEach(
            (key, byStatus) -> {
              JsonNode op = ops.get(key);
              boolean open = op.has("security") && op.get("security").isEmpty();
              boolean safe = key.startsWith("get ");
              Map<Integer, String> required = new LinkedHashMap<>();
              if (!open) {
                required.put(401, "unauthenticated");
                required.put(403, "csrf_rejected");
              }
              required.put(406, "not_acceptable");
              required.put(500, "internal_error");
              if (!safe) {
                required.put(413, "body_too_large");
                required.put(415, "unsupported_media_type");
              }
              required.forEach(
                  (status, code) -> {
                    if (!byStatus.getOrDefault(status, Set.of()).contains(code)) {
                      out.add(key + ": " + status + " " + code + " is not listed");
                    }
                  });
              if (!safe) {
                boolean csrf = false;
                for (JsonNode p : op.path("parameters")) {
                  JsonNode param = doc.resolve(p);
                  csrf |=
                      param.path("in").asText().equals("header")
                          && param.path("name").asText().equals("X-Dialbridge-Request")
                          && param.path("required").asBoolean();
                }
                if (!csrf)
                  out.add(key + ": the required header X-Dialbridge-Request is not listed");
              }
            });
    return out;
  }

  /**
   * Each {@code operationId} used by more than one operation: generated clients need them unique.
   */
  static List<String> duplicateOperationIds(OpenApiDocument doc) {
    Map<String, Integer> seen = new LinkedHashMap<>();
    documented(doc)
        .values()
        .forEach(op -> seen.merge(op.path("operationId").asText(), 1, Integer::sum));
    return seen.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
  }

  /** Every local {@code $ref} whose target is missing. */
  static List<String> danglingRefs(OpenApiDocument doc) {
    List<String> out = new ArrayList<>();
    refs(doc.root(), doc, out);
    return out;
  }

  private static void refs(JsonNode node, OpenApiDocument doc, List<String> out) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual()) {
        String r = ref.asText();
        if (!r.startsWith("#/") || doc.root().at(r.substring(1)).isMissingNode()) out.add(r);
      }
      node.elements().forEachRemaining(child -> refs(child, doc, out));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> refs(child, doc, out));
    }
  }
}
