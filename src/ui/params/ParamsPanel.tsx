/** PARAMETERS: one control per Keras argument of the selected loss, function or metric, read from the catalog. */
import { deepEqual } from '../../document/nested';
import { useStore } from '../../state/useStore';
import { kwargs } from '../header/pyArgs';
import { dims } from '../inputs/helpers';
import { paramsOf, reductionParam, reductionsFor } from '../common/lossInfo';
import { shapeOf } from '../inputs/tensorOps';
import { ParamControl } from './ParamControl';

export function ParamsPanel() {
  const doc = useStore((s) => s.doc);
  const setConfig = useStore((s) => s.setConfig);
  const removeConfig = useStore((s) => s.removeConfig);
  const specs = paramsOf(doc.kind, doc.name, doc.semantics);
  const all = doc.kind === 'loss' ? [...specs, reductionParam(doc.semantics)] : specs;
  const shown = all.filter((s) => !doc.view.hide.includes(s.name));
  const pred = doc.kind === 'metric' ? doc.updates[0]?.y_pred ?? [] : doc.y_pred;
  const { classes } = dims(doc);
  const prefix = doc.kind === 'metric' ? 'keras.metrics' : 'keras.losses';
  const set = (name: string, def: unknown) => (v: unknown) => {
    if (deepEqual(v, def)) removeConfig(name, { coalesceKey: `config.${name}` });
    else setConfig(name, v);
  };
  return (
    <section className="panel params" aria-labelledby="params-title" data-testid="panel.params">
      <h2 id="params-title">Parameters</h2>
      <p className="call"><code>{prefix}.{doc.name}({kwargs(doc, doc.semantics === 'tf_keras2')})</code></p>
      {shown.length === 0 && <p className="hint">{doc.name} has no parameters besides {doc.kind === 'loss' ? 'reduction' : 'its name and dtype'}.</p>}
      {shown.map((spec) => {
        const isSet = Object.hasOwn(doc.config, spec.name);
        return (
          <ParamControl
            key={spec.name} spec={spec} value={isSet ? doc.config[spec.name] : spec.default} isSet={isSet}
            rank={shapeOf(pred).length} classes={classes} reductions={reductionsFor(doc.semantics)}
            onChange={set(spec.name, spec.default)} onReset={() => removeConfig(spec.name)}
          />
        );
      })}
    </section>
  );
}
