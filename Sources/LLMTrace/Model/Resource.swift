/// The entity that produces telemetry: a service, with its name, version and where it runs.
///
/// One per provider; every span of the provider shares it (a reference, so exporters group spans
/// by identity without comparing attributes).
public final class Resource: Sendable {
    /// The resource attributes, `service.name` first.
    public let attributes: Attributes

    /// Creates a resource from attributes.
    public init(attributes: Attributes) { self.attributes = attributes }

    /// A resource with no attributes.
    public static let empty = Resource(attributes: Attributes())

    /// `service.name`, if set.
    public var serviceName: String? {
        if case .string(let name)? = attributes[OTelAttributes.serviceName] { return name }
        return nil
    }

    /// The attributes as exported: receivers require `service.name`, which a hand-made resource
    /// may lack (`unknown_service` then, as the SDK specification says).
    var exportedAttributes: Attributes {
        guard attributes[OTelAttributes.serviceName] == nil else { return attributes }
        return Attributes([Attribute(OTelAttributes.serviceName, "unknown_service")] + attributes.elements)
    }
}
