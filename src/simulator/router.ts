/** A small method + path-pattern router for the simulators (`/users/:id/permissions/:group`). */

export interface SimRequest {
  readonly method: string;
  /** The route path (for most vendors the URL path below the simulator's base path). */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: unknown;
  readonly params: Record<string, string>;
}

export interface SimResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Send this exact text instead of JSON-encoding `body`. */
  readonly text?: string;
  readonly binary?: { readonly contentType: string; readonly data: Buffer };
}

export type SimHandler = (request: SimRequest) => SimResponse | Promise<SimResponse>;

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: string[];
  readonly handler: SimHandler;
  readonly isPublic: boolean;
}

export interface RouteMatch {
  readonly handler: SimHandler;
  readonly params: Record<string, string>;
  readonly isPublic: boolean;
}

export class SimRouter {
  private readonly routes: Route[] = [];

  on(method: string, path: string, handler: SimHandler, options: { public?: boolean } = {}): this {
    const names: string[] = [];
    const source = path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/:(\w+)/g, (_m, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
    this.routes.push({
      method: method.toUpperCase(),
      pattern: new RegExp(`^${source}/?$`),
      names,
      handler,
      isPublic: options.public ?? false,
    });
    return this;
  }

  get(path: string, handler: SimHandler, options?: { public?: boolean }): this {
    return this.on("GET", path, handler, options);
  }
  post(path: string, handler: SimHandler, options?: { public?: boolean }): this {
    return this.on("POST", path, handler, options);
  }
  put(path: string, handler: SimHandler): this {
    return this.on("PUT", path, handler);
  }
  patch(path: string, handler: SimHandler): this {
    return this.on("PATCH", path, handler);
  }
  delete(path: string, handler: SimHandler): this {
    return this.on("DELETE", path, handler);
  }

  /** The matching route, or whether the path exists under another method (for 405s). */
  match(method: string, path: string): RouteMatch | "method-not-allowed" | null {
    let pathExists = false;
    for (const route of this.routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      pathExists = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1] ?? "");
      });
      return { handler: route.handler, params, isPublic: route.isPublic };
    }
    return pathExists ? "method-not-allowed" : null;
  }
}
