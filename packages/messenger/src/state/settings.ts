import { computed, createModel, signal, type ReadonlySignal } from "@preact/signals-core";
import { appearanceOf, type IntercomSettings } from "../api/intercom-settings";

/** The settings the host page gave (`boot` replaces them, `update` merges into them). */
export const SettingsModel = createModel(() => {
  const values = signal<IntercomSettings>({});

  return {
    values: values as ReadonlySignal<IntercomSettings>,
    appearance: computed(() => appearanceOf(values.value)),
    replace(settings: IntercomSettings) {
      values.value = { ...settings };
    },
    merge(settings: IntercomSettings) {
      values.value = { ...values.value, ...settings };
    },
  };
});
export type SettingsModel = InstanceType<typeof SettingsModel>;
