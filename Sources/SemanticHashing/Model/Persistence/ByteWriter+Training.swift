/// Writers for the pieces of training state that a `TrainingCheckpoint` stores: each piece carries its own
/// shape, so that `ByteReader`'s matching readers need nothing else.
extension ByteWriter {
    mutating func write(_ value: Double) { write(value.bitPattern) }

    mutating func write(_ value: Bool) { write(UInt8(value ? 1 : 0)) }

    mutating func write(count: Int) { write(UInt32(count)) }

    /// u32 count · f32 values.
    mutating func write(vector: [Float]) {
        write(count: vector.count)
        write(vector)
    }

    /// u32 rows · u32 columns · f32 values (row-major).
    mutating func write(_ matrix: Matrix) {
        write(count: matrix.rows)
        write(count: matrix.columns)
        write(matrix.values)
    }

    mutating func write(_ random: RandomSource) {
        for word in random.state { write(word) }
    }

    mutating func write(_ activation: Activation) {
        write(UInt8(Activation.storageOrder.firstIndex(of: activation)!))
    }

    /// u32 layer count · u32 encoder depth · per layer: activation · weights · bias · the idf (count 0 when
    /// the input is not weighted).
    mutating func write(_ network: Autoencoder) {
        write(count: network.layers.count)
        write(count: network.encoderDepth)
        for layer in network.layers {
            write(layer.activation)
            write(layer.weights)
            write(vector: layer.bias)
        }
        write(vector: network.inputWeighting?.inverseDocumentFrequencies ?? [])
    }

    mutating func write(_ gradients: [DenseLayerGradient]) {
        write(count: gradients.count)
        for gradient in gradients {
            write(gradient.weights)
            write(vector: gradient.bias)
        }
    }

    mutating func write(_ machine: RestrictedBoltzmannMachine) {
        write(machine.visibleUnits)
        write(machine.hiddenUnits)
        write(machine.weights)
        write(vector: machine.visibleBias)
        write(vector: machine.hiddenBias)
    }
}
