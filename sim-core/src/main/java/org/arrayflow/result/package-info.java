/**
 * Results as immutable values: {@link LayerResult} (with its layer, timing and activity), {@link
 * NetworkResult}, traffic lines and energy line items. No model logic.
 *
 * <p>Depends on: engine, tensor.
 */
package org.arrayflow.result;
