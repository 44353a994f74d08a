// The `OktaSignIn` class that pages use. It is defined synchronously, checks the options at once
// (a wrong type throws here, naming the option), loads the widget's wasm in the background and
// queues the calls made before the wasm is ready (`on`, `off`, `renderEl`, `hide`, `show`,
// `remove`), replaying them in order on the Rust class (`authn-web/src/js_api`).
//
// Like options.js, it imports nothing and touches no browser global when defined or constructed
// outside a browser, so server-side code can import the package; the ES module entry (index.js)
// and the classic script (okta-sign-in.global.js) give it their own `load`.

/**
 * Returns the `OktaSignIn` class.
 * - `load(wasmUrl)`: loads the wasm (from `wasmUrl`, or the default location when undefined) and
 *   resolves with the Rust class; called once, by the first instance created in a browser.
 * - `checkOptions(options)`: throws on bad options (options.js).
 */
export function defineOktaSignIn({ load, checkOptions }) {
  let loading = null;
  const loadOnce = (wasmUrl) => (loading ??= Promise.resolve().then(() => load(wasmUrl)));

  class OktaSignIn {
    #engine = null;
    #failure = null;
    #queue = [];
    #started = false;

    constructor(options) {
      checkOptions(options);
      this.options = options;
      if (typeof document !== 'undefined') this.#start();
    }

    #start() {
      if (this.#started) return;
      this.#started = true;
      loadOnce(this.options.wasmUrl)
        .then((Engine) => {
          this.#engine = new Engine(this.options);
        })
        .catch((cause) => {
          const failure = new Error(`OktaSignIn: the sign-in widget could not be loaded: ${cause?.message ?? cause}`);
          failure.cause = cause;
          this.#failure = failure;
        })
        .then(() => {
          for (const call of this.#queue.splice(0)) call();
        });
    }

    // Runs `call(engine)` now or once loaded; `failed(error)` instead when loading failed.
    #run(call, failed) {
      const go = () => (this.#engine ? call(this.#engine) : failed?.(this.#failure));
      if (this.#engine || this.#failure) return go();
      this.#queue.push(go);
      this.#start();
      return undefined;
    }

    /** Subscribes to `ready`, `afterRender`, `afterError` (Okta's events) or `success`. */
    on(event, handler) {
      this.#run((engine) => engine.on(event, handler));
    }

    /** Unsubscribes `handler`, every handler of `event`, or every handler. */
    off(event, handler) {
      this.#run((engine) => engine.off(event, handler));
    }

    /** Renders into `renderOptions.el`; calls `success(res)` / `error(err)` and settles the promise. */
    renderEl(renderOptions, success, error) {
      if (this.#engine) return this.#engine.renderEl(renderOptions, success, error);
      return new Promise((resolve, reject) => {
        this.#run(
          (engine) => engine.renderEl(renderOptions, success, error).then(resolve, reject),
          (failure) => {
            if (typeof error === 'function') error(failure);
            reject(failure);
          },
        );
      });
    }

    /** Hides the rendered widget (it keeps its state). */
    hide() {
      this.#run((engine) => engine.hide());
    }

    /** Shows the widget again after `hide()`. */
    show() {
      this.#run((engine) => engine.show());
    }

    /** Removes the widget: no DOM, timer or listener is left; `renderEl` may be called again. */
    remove() {
      this.#run((engine) => engine.remove());
    }
  }

  return OktaSignIn;
}
