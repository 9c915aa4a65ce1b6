/**
 * rememberPointerDatasets (src/build/validate.ts): grapoi's pointer lists work out their dataset once, not on
 * every read, so that validating a focus node with n values is no longer n² steps.
 */
import { describe, expect, it } from 'vitest';
import { DataFactory } from 'n3';
import Validator from 'shacl-engine/Validator.js';
import { createStore } from '../src/rdf/store.js';
import { rememberPointerDatasets } from '../src/build/validate.js';

interface PointerList { dataset: unknown; datasets: unknown[]; ptrs: unknown[] }

describe('rememberPointerDatasets', () => {
  const validator = new Validator(createStore(), { factory: DataFactory }) as unknown as { shapesPtr: PointerList & { constructor: new (args: object) => PointerList } };
  const PathList = validator.shapesPtr.constructor;

  it('reads the pointers\' datasets once per list, and gives the same dataset as grapoi', () => {
    rememberPointerDatasets(validator.shapesPtr);
    const dataset = createStore();
    const list = new PathList({ dataset, factory: DataFactory, terms: [DataFactory.namedNode('http://example.org/a'), DataFactory.namedNode('http://example.org/b')] });
    let reads = 0;
    const datasets = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(list), 'datasets') ?? Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Object.getPrototypeOf(list)), 'datasets');
    Object.defineProperty(list, 'datasets', { get() { reads++; return datasets!.get!.call(this); } });
    expect(list.dataset).toBe(dataset);
    expect(list.dataset).toBe(dataset);
    expect(reads).toBe(1);
  });

  it('keeps grapoi\'s answer for a list over two datasets: none', () => {
    rememberPointerDatasets(validator.shapesPtr);
    const [one, two] = [createStore(), createStore()];
    const a = new PathList({ dataset: one, factory: DataFactory, terms: [DataFactory.namedNode('http://example.org/a')] });
    const b = new PathList({ dataset: two, factory: DataFactory, terms: [DataFactory.namedNode('http://example.org/b')] });
    const both = new PathList({ ptrs: [...a.ptrs, ...b.ptrs], factory: DataFactory });
    expect(both.dataset).toBeNull();
  });
});
