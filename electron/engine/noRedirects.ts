import * as nativeHttp from 'node:http';
import * as nativeHttps from 'node:https';
// @ts-expect-error -- docker-modem's internal http module has no type declarations
import modemHttp from 'docker-modem/lib/http.js';

/**
 * docker-modem sends every request through its own `lib/http`, a copy of an
 * old follow-redirects: on a 3xx with a Location it silently requests that
 * URL, on any host, with no error listener (an unreachable host crashed the
 * process; a crafted image name made the backend fetch a caller-chosen
 * host:port). The engine has no reason to redirect Lading anywhere, so its
 * connection never follows one: the modem gets the 3xx itself and reports it
 * as an error (statusCode 3xx), which errors.ts types.
 *
 * docker-modem looks the module up as `http[protocol].request` on each call,
 * so replacing the two entries of that shared module object covers every
 * client, present and future. Idempotent.
 */
interface ModemHttp {
  http: { request: typeof nativeHttp.request; get: typeof nativeHttp.get };
  https: { request: typeof nativeHttps.request; get: typeof nativeHttps.get };
}

const noFollow = {
  http: { request: nativeHttp.request, get: nativeHttp.get },
  https: { request: nativeHttps.request, get: nativeHttps.get },
};

export const installNoRedirects = (): void => {
  const target = modemHttp as ModemHttp;
  target.http = noFollow.http;
  target.https = noFollow.https;
};

/** True once installNoRedirects has replaced docker-modem's redirect-following requests. */
export const redirectsDisabled = (): boolean => (modemHttp as ModemHttp).http === noFollow.http;
