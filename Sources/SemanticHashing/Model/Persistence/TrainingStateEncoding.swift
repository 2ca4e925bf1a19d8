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

/// Readers matching `ByteWriter`'s training-state writers; every count is checked against the bytes left.
extension ByteReader where Failure == ModelError {
    mutating func readDouble() throws(ModelError) -> Double { Double(bitPattern: try readUInt64()) }

    mutating func readBool() throws(ModelError) -> Bool {
        let byte = try readByte()
        guard byte <= 1 else { throw .malformed("a flag holds \(byte)") }
        return byte == 1
    }

    mutating func readInt() throws(ModelError) -> Int { Int(try readUInt32()) }

    mutating func readVector() throws(ModelError) -> [Float] {
        try readFloats(try readCount(itemSize: 4))
    }

    mutating func readMatrix() throws(ModelError) -> Matrix {
        let rows = try readInt()
        let columns = try readInt()
        let count = rows.multipliedReportingOverflow(by: columns)
        guard !count.overflow, count.partialValue <= remaining / 4 else {
            throw .malformed("a \(rows)×\(columns) matrix does not fit in the bytes that follow")
        }
        return Matrix(rows: rows, columns: columns, values: try readFloats(count.partialValue))
    }

    mutating func readRandomSource() throws(ModelError) -> RandomSource {
        var words: [UInt64] = []
        for _ in 0..<6 { words.append(try readUInt64()) }
        return RandomSource(state: words)
    }

    mutating func readActivation() throws(ModelError) -> Activation {
        let code = Int(try readByte())
        guard code < Activation.storageOrder.count else { throw .malformed("unknown activation code \(code)") }
        return Activation.storageOrder[code]
    }

    /// An autoencoder written by `ByteWriter.write(_: Autoencoder)`; `scale` is the input weighting's scale.
    mutating func readAutoencoder(inputTransform: InputTransform, scale: Float) throws(ModelError) -> Autoencoder {
        let layerCount = try readCount(itemSize: 13)
        let encoderDepth = try readInt()
        var layers: [DenseLayer] = []
        for _ in 0..<layerCount {
            let activation = try readActivation()
            let weights = try readMatrix()
            let bias = try readVector()
            guard bias.count == weights.columns else { throw .malformed("a layer's bias does not match its weights") }
            layers.append(DenseLayer(weights: weights, bias: bias, activation: activation))
        }
        let idf = try readVector()
        guard encoderDepth > 0, encoderDepth < layers.count,
              zip(layers, layers.dropFirst()).allSatisfy({ $0.outputCount == $1.inputCount }),
              layers[0].inputCount == layers[layers.count - 1].outputCount,
              (inputTransform == .scaledLogTFIDF) == !idf.isEmpty,
              idf.isEmpty || idf.count == layers[0].inputCount else {
            throw .malformed("the network's layer shapes do not fit together")
        }
        return Autoencoder(layers: layers, encoderDepth: encoderDepth, inputTransform: inputTransform,
                           inputWeighting: idf.isEmpty ? nil : InputWeighting(inverseDocumentFrequencies: idf, scale: scale))
    }

    /// Gradient-shaped buffers (optimizer moments) that must match `layers` one for one.
    mutating func readGradients(shapedLike layers: [DenseLayer]) throws(ModelError) -> [DenseLayerGradient] {
        let count = try readInt()
        guard count == layers.count || count == 0 else { throw .malformed("\(count) moment buffers for \(layers.count) layers") }
        var gradients: [DenseLayerGradient] = []
        for layer in layers.prefix(count) {
            let gradient = DenseLayerGradient(weights: try readMatrix(), bias: try readVector())
            guard gradient.weights.rows == layer.inputCount, gradient.weights.columns == layer.outputCount,
                  gradient.bias.count == layer.outputCount else {
                throw .malformed("an optimizer buffer does not match its layer's shape")
            }
            gradients.append(gradient)
        }
        return gradients
    }

    mutating func readMachine(inputTransform: InputTransform) throws(ModelError) -> RestrictedBoltzmannMachine {
        let visibleUnits = try readActivation()
        let hiddenUnits = try readActivation()
        let weights = try readMatrix()
        let visibleBias = try readVector()
        let hiddenBias = try readVector()
        guard visibleBias.count == weights.rows, hiddenBias.count == weights.columns,
              visibleUnits != .linear, hiddenUnits != .softmax else {
            throw .malformed("an RBM's biases or units do not match its weights")
        }
        return RestrictedBoltzmannMachine(weights: weights, visibleBias: visibleBias, hiddenBias: hiddenBias,
                                          visibleUnits: visibleUnits, hiddenUnits: hiddenUnits,
                                          inputTransform: inputTransform)
    }
}
