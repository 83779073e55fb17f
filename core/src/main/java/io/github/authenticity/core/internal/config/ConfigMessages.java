package io.github.authenticity.core.internal.config;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.yaml.snakeyaml.nodes.Node;

import io.github.authenticity.core.internal.redact.Redactor;
import io.github.authenticity.core.config.ConfigurationKeys;

/**
 * Every message of the configuration, in one place. A message is {@code <where>: <problem>}, where
 * {@code <where>} is {@code file:line:column: key.path} or {@code configuration parameter [key]}, and the
 * problem shows the value in brackets and what is allowed.
 *
 * <p>Over 300 lines on purpose: every message of the configuration, a few lines each, in one file, so that they keep
 * one form and a reader finds them all together.
 */
final class ConfigMessages {

  static final String TOP_LEVEL = "(top level)";
  static final String SERVICES_FILE = "META-INF/services/io.github.authenticity.core.probe.ServiceProbe";

  private ConfigMessages() {
  }

  // ---- where

  static String at(String display, Node node, String path) {
    return display + ":" + (node.getStartMark().getLine() + 1) + ":" + (node.getStartMark().getColumn() + 1) + ": "
        + (path == null ? TOP_LEVEL : path);
  }

  static String parameter(String key) {
    return "configuration parameter [" + key + "]";
  }

  static String withWhere(String where, String problem) {
    return where + ": " + problem;
  }

  /** {@code value} as it may appear in a message: secrets hidden, URL user-info and tokens removed. */
  static String shown(String key, String value) {
    return Redactor.isSecretKey(key) ? Redactor.REDACTED : Redactor.redactUrl(value);
  }

  // ---- locating and parsing the file

  static String missingFile(String path, String workingDirectory) {
    return "Configuration file [" + path + "] named by " + ConfigurationKeys.CONFIG + " does not exist (working directory ["
        + workingDirectory + "]); fix the path or remove " + ConfigurationKeys.CONFIG
        + " to use authenticity.yaml from the root of the test classpath";
  }

  static String notAFile(String path) {
    return "Configuration file [" + path + "] named by " + ConfigurationKeys.CONFIG
        + " is not a regular file; name a YAML file";
  }

  static String badConfigPath(String path, String reason) {
    return "Configuration file [" + path + "] named by " + ConfigurationKeys.CONFIG + " is not a valid path: " + reason;
  }

  static String unreadable(String source, Exception cause) {
    return "Cannot read configuration file [" + source + "]: " + cause + "; check that it is readable and"
        + " encoded in UTF-8";
  }

  static String bothFiles(String yaml, String yml) {
    return "Both authenticity.yaml [" + yaml + "] and authenticity.yml [" + yml
        + "] are at the root of the classpath; keep one of them";
  }

  static String tooLarge(String display, long size, boolean atLeast, int limit) {
    return "Configuration file [" + display + "] is " + (atLeast ? "more than " : "") + String.format(
        java.util.Locale.ROOT, "%,d", size) + " bytes, over the limit of " + String.format(java.util.Locale.ROOT,
        "%,d", limit) + " bytes (" + limit / 1024 + " KiB) a configuration file may have; it was not parsed."
        + " Keep only the settings in it (a configuration file is a few KB)";
  }

  static String expansionTooLarge(String display, int limit) {
    return display + ": the merge keys (<<: *anchor) expand to more than " + String.format(java.util.Locale.ROOT,
        "%,d", limit) + " entries; merge each anchor once or twice, not anchors that merge anchors";
  }

  static String malformedYaml(String display, int line, int column, String problem) {
    return display + ":" + line + ":" + column + ": malformed YAML: " + problem + "; fix the file at that position";
  }

  static String malformedYaml(String display, String problem) {
    return display + ": malformed YAML: " + problem;
  }

  // ---- structure

  static String expected(String expected, String found) {
    return "expected " + expected + ", found " + found;
  }

  static String unknownKey(String key, Collection<String> allowed) {
    return "unknown key." + didYouMean(key, allowed) + " Allowed: " + list(allowed);
  }

  static String duplicateKey(int firstLine) {
    return "duplicate key; it is first defined at line " + firstLine + ", remove one of them";
  }

  static String badServiceName(String name) {
    return "[" + name + "] is not a valid service name; use letters, digits, '-' and '_' (no dots or spaces)";
  }

  static String badHeaderName(String name) {
    return "[" + name + "] is not a valid HTTP header name; use letters, digits and '-', e.g. Authorization";
  }

  // ---- environments

  static String undefinedEnvironment(String name, String from, Collection<String> defined) {
    return "environment [" + name + "] (from " + from + ") is not defined." + didYouMean(name, defined)
        + " Defined: " + list(defined) + "; add it under environments or select one of those";
  }

  static String environmentFromParameter() {
    return parameter(ConfigurationKeys.ENVIRONMENT);
  }

  static String environmentFromVariable() {
    return "environment variable [" + ConfigurationKeys.ENVIRONMENT_VARIABLE + "]";
  }

  static String environmentFromFile(int line) {
    return "environment at line " + line;
  }

  // ---- services

  static String unknownServiceKey(String key, String probe, Collection<String> allowed) {
    return "unknown key for probe [" + probe + "]." + didYouMean(key, allowed) + " Allowed: "
        + list(allowed);
  }

  static String unknownProbe(String probe, Collection<String> types) {
    return "unknown probe type [" + probe + "]." + didYouMean(probe, types) + " Allowed: " + list(types)
        + "; a custom probe type comes from a ServiceProbe listed in " + SERVICES_FILE;
  }

  static String missingProbe(Collection<String> types) {
    return "no probe is set; add probe: with one of " + list(types);
  }

  static String missingKey(String probe, String key, String example) {
    return "probe [" + probe + "] requires [" + key + "]; add it, e.g. " + key + ": " + example;
  }

  static String expectValueWithoutPointer() {
    return "expectValue needs jsonPointer; add jsonPointer (RFC 6901, e.g. /status) to say which value of the"
        + " JSON body to compare";
  }

  static String customProbesFailed(Throwable cause) {
    return "Cannot load the custom probes listed in " + SERVICES_FILE + ": " + cause
        + "; fix or remove the broken entry";
  }

  static String badOverrideKey() {
    return "not a service override; use " + ConfigurationKeys.SERVICE_OVERRIDE_PREFIX + "<name>.<key> or "
        + ConfigurationKeys.SERVICE_OVERRIDE_PREFIX + "<name>.headers.<Header>";
  }

  static String wholeHeadersOverride(String service) {
    return "a whole headers map cannot be set by a parameter; set each header with "
        + ConfigurationKeys.SERVICE_OVERRIDE_PREFIX + service + ".headers.<Header>";
  }

  static String overrideForUnknownService(String service, String environment, String source,
      Collection<String> defined) {
    return "service [" + service + "] is not defined in environment [" + environment + "] of [" + source + "]."
        + didYouMean(service, defined) + " Fix the name, or define the service entirely with "
        + ConfigurationKeys.SERVICE_OVERRIDE_PREFIX + service + ".probe and its other keys";
  }

  // ---- values

  static String unclosedPlaceholder(String shown) {
    return "[" + shown + "] has an unclosed ${; close it with } or write $${ for a literal ${";
  }

  static String emptyPlaceholder(String shown) {
    return "[" + shown + "] has an empty ${}; write ${NAME}, ${NAME:-default} or ${sys:name}";
  }

  static String unsetEnvironmentVariable(String name) {
    return "environment variable [" + name + "] is not set; set it or write ${" + name + ":-default}";
  }

  static String unsetSystemProperty(String name) {
    return "system property [" + name + "] is not set; set it with -D" + name + "=... or write ${sys:" + name
        + ":-default}";
  }

  static String zeroDuration(String shown) {
    return "[" + shown + "] is zero; use a positive duration, e.g. 2s, 500ms, 1m or PT2M";
  }

  static String badStatus(String shown) {
    return "[" + shown + "] is not an HTTP status; use a number from 100 to 599, e.g. 200";
  }

  static String badIndex(String shown) {
    return "[" + shown + "] is not a database index; use a whole number from 0, e.g. 0";
  }

  static String badBoolean(String shown) {
    return "[" + shown + "] is not a boolean; use true or false";
  }

  static String badRegex(String shown, String description, int index) {
    return "[" + shown + "] is not a valid regular expression: " + description
        + (index >= 0 ? " near index " + index : "") + "; see java.util.regex.Pattern";
  }

  static String badMethod(String shown) {
    return "[" + shown + "] is not an HTTP method; use one of " + String.join(", ", ServiceSchema.METHODS);
  }

  static String badPointer(String shown) {
    return "[" + shown + "] is not a JSON pointer (RFC 6901); start it with /, e.g. /status";
  }

  static String badStoreType(String shown) {
    return "[" + shown + "] is not a trust store type; use PKCS12 or JKS";
  }

  static String badSslMode(String shown) {
    return "[" + shown + "] is not an sslmode; use one of " + String.join(", ", ServiceSchema.SSL_MODES);
  }

  static String badPort(String shown) {
    return "[" + shown + "] is not a port; use a number from 1 to 65535";
  }

  static String badHost(String shown) {
    return "[" + shown + "] is not a host name; give only the host, e.g. localhost or db.example.com"
        + " (a port goes under port)";
  }

  static String badUrl(String shown, String probe, String reason, String example) {
    return "[" + shown + "] is not a valid URL for probe [" + probe + "]: " + reason + "; use e.g. " + example;
  }

  static String badEndpoint(String shown) {
    return "[" + shown + "] is not an endpoint; use host:port or a URL, e.g. localhost:8080";
  }

  static String badInteraction(String shown) {
    return "[" + shown + "] is not allowed; use required, warn or off";
  }

  static String badMode(String shown) {
    return "[" + shown + "] is not allowed; use fail or report";
  }

  static String badFactor(String shown) {
    return "[" + shown + "] is not a number greater than 1; use e.g. 10";
  }

  static String allowedSkipWithoutMatch() {
    return "an allowed skip needs reason (a regular expression the assumption's or condition's reason contains,"
        + " e.g. \"requires Redis \\\\d\"), condition (the annotation type that switches tests off, e.g."
        + " com.example.EnabledOnCommand) or test (a regular expression of the test's class and method, e.g."
        + " \"BatchTest\\\\.long\"), or several of them";
  }

  static String allowedSkipWithoutBecause() {
    return "an allowed skip needs because: why this skip is legitimate (a reviewer reads it; every test it allows"
        + " shows it), e.g. because: \"version gate: the command needs a newer server\"";
  }

  static String badConditionType(String shown) {
    return "[" + shown + "] is not an annotation type name; use its class name, e.g. com.example.EnabledOnCommand"
        + " (or the simple name EnabledOnCommand)";
  }

  static String badMinRuns(String shown) {
    return "[" + shown + "] is not a whole number of at least 1; use e.g. 3";
  }

  static String badPath(String shown, String reason) {
    return "[" + shown + "] is not a valid path: " + reason;
  }

  static String unknownParameter(String key, Collection<String> allowed) {
    return "unknown key." + didYouMean(key, allowed) + " Allowed: " + list(allowed);
  }

  // ---- annotations

  static String unknownService(String name, String usedBy, String environment, String source,
      Collection<String> defined) {
    String defines = defined.isEmpty() ? "defines no services." : "defines " + list(defined) + ".";
    return "Unknown service [" + name + "] in " + usedBy + ": environment [" + environment + "] in [" + source + "] "
        + defines + didYouMean(name, defined) + " Add it under environments." + environment
        + ".services or fix the name.";
  }

  static String noConfiguration(String name, String usedBy, String environment, Collection<String> defined) {
    String defines = defined.isEmpty() ? "defines no services."
        : "defines only " + list(defined) + " (by configuration parameters)." + didYouMean(name, defined);
    return "Unknown service [" + name + "] in " + usedBy + ": no authenticity.yaml or authenticity.yml was found at"
        + " the root of the test classpath and " + ConfigurationKeys.CONFIG + " is not set, so environment ["
        + environment + "] " + defines + " Add src/test/resources/authenticity.yaml with environments."
        + environment + ".services." + name + ", or set " + ConfigurationKeys.CONFIG + " to the file's path.";
  }

  // ---- container: true

  static String badPath(String shown) {
    return "[" + shown + "] is not a URL path; start it with / and leave out spaces, e.g. path: /health";
  }

  static String addressWithContainer(String key) {
    return "[" + key + "] and container: true contradict each other: with container: true the host and port are"
        + " the mapped ones of the test class's @RealServiceContainer field. Remove " + key
        + (key.equals("url") ? " (keep its path as path: /...)" : "") + ", or remove container: true";
  }

  static String pathWithoutContainer() {
    return "path applies only with container: true (it is appended to the container's address); with url, write"
        + " the path in the url";
  }

  // ---- helpers

  static String unknownVia(String service, String carrier, Collection<String> defined) {
    return "service [" + service + "] is reached via [" + carrier + "], which is not defined."
        + didYouMean(carrier, defined) + " Name a service of this environment " + list(defined)
        + ", or remove via.";
  }

  static String viaLoop(List<String> chain) {
    return "via forms a loop: " + String.join(" -> ", chain) + ". A service reached via another must end at a "
        + "service that tests exchange with themselves; remove via from one of them.";
  }

  static String didYouMean(String name, Collection<String> known) {
    Optional<String> closest = Suggestions.closest(name, known);
    return closest.map(value -> " Did you mean [" + value + "]?").orElse("");
  }

  static String list(Collection<String> values) {
    return "[" + String.join(", ", new TreeSet<>(values)) + "]";
  }
}
