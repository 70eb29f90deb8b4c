import {
  abs,
  add,
  compare,
  decimalFromNumber,
  divide,
  equals,
  isHalfwayAt,
  multiply,
  parseDecimal,
  placesOf,
  round,
  subtract,
  toFixed,
  toPlainString,
  toWireNumber,
} from '../../lib/mapping/decimal';

const d = parseDecimal;

describe('decimal', () => {
  it('parses WooCommerce and JSON number texts exactly', () => {
    expect(toPlainString(d('12.50'))).toBe('12.5');
    expect(toPlainString(d('-3'))).toBe('-3');
    expect(toPlainString(d('.5'))).toBe('0.5');
    expect(toPlainString(d('1e-7'))).toBe('0.0000001');
    expect(toPlainString(d('2.5E3'))).toBe('2500');
    expect(toPlainString(decimalFromNumber(0.1 + 0.2))).toBe('0.30000000000000004');
    expect(() => d('')).toThrow();
    expect(() => d('1,5')).toThrow();
    expect(() => decimalFromNumber(Number.NaN)).toThrow();
  });

  it('adds, subtracts and multiplies without floating-point error', () => {
    expect(toPlainString(add(d('0.1'), d('0.2')))).toBe('0.3');
    expect(toPlainString(subtract(d('70.95'), d('70.96')))).toBe('-0.01');
    expect(toPlainString(multiply(d('3.3333'), d('3')))).toBe('9.9999');
    expect(equals(d('1.50'), d('1.5'))).toBe(true);
    expect(compare(d('-0.02'), d('-0.01'))).toBe(-1);
    expect(toPlainString(abs(d('-4.2')))).toBe('4.2');
  });

  it('rounds half away from zero, up, or down', () => {
    expect(toFixed(d('5.0625'), 2)).toBe('5.06');
    expect(toFixed(d('17.955'), 2)).toBe('17.96');
    expect(toFixed(d('-17.955'), 2)).toBe('-17.96');
    expect(toFixed(round(d('0.00001'), 4, 'up'), 4)).toBe('0.0001');
    expect(toFixed(round(d('-0.00001'), 4, 'up'), 4)).toBe('-0.0001');
    expect(toFixed(round(d('1.999'), 2, 'down'), 2)).toBe('1.99');
    expect(toFixed(d('18000'), 0)).toBe('18000');
    expect(toFixed(d('-0.004'), 2)).toBe('0.00');
  });

  it('divides to a given scale', () => {
    expect(toFixed(divide(d('10'), d('3'), 4), 4)).toBe('3.3333');
    expect(toFixed(divide(d('-2'), d('3'), 4), 4)).toBe('-0.6667');
    expect(toFixed(divide(d('1.3'), d('0.7'), 2, 'up'), 2)).toBe('1.86');
    expect(() => divide(d('1'), d('0.00'), 2)).toThrow('division by zero');
  });

  it('detects exact halves and counts places', () => {
    expect(isHalfwayAt(d('0.505'), 2)).toBe(true);
    expect(isHalfwayAt(d('-0.5050'), 2)).toBe(true);
    expect(isHalfwayAt(d('0.5051'), 2)).toBe(false);
    expect(isHalfwayAt(d('0.5'), 2)).toBe(false);
    expect(placesOf('29.35')).toBe(2);
    expect(placesOf('18000')).toBe(0);
  });

  it('gives wire numbers that serialise to the same digits', () => {
    expect(JSON.stringify(toWireNumber(d('333.3333')))).toBe('333.3333');
    expect(JSON.stringify(toWireNumber(d('-0.01')))).toBe('-0.01');
    expect(JSON.stringify(toWireNumber(d('20.0000')))).toBe('20');
  });
});
